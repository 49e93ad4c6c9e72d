import { PostgresEventStore } from '@sce/event-store';
import { describeWith, freshSchema, TEST_PG_URL } from '@sce/test-stack';
import { PostgresDocStore } from './postgres-doc-store';

describeWith('postgres', 'PostgreSQL read-model store', () => {
  // An engine opens its event store and its read models at once, in one schema, and several engines
  // may start together: concurrent CREATE SCHEMA IF NOT EXISTS collides in pg_namespace (23505).
  it('opens alongside event stores and other read-model stores on a schema none has created yet', async () => {
    const { schema, drop } = await freshSchema('sce_open');
    try {
      const opened = await Promise.allSettled([
        ...Array.from({ length: 6 }, () => PostgresDocStore.connect(TEST_PG_URL, schema)),
        ...Array.from({ length: 2 }, () => PostgresEventStore.connect({ connectionString: TEST_PG_URL, schema })),
      ]);
      const failures = opened.filter((o) => o.status === 'rejected').map((o) => String(o.reason));
      for (const o of opened) if (o.status === 'fulfilled') await o.value.close();
      expect(failures).toEqual([]);
    } finally {
      await drop();
    }
  });
});
