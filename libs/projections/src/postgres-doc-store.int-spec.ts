import { PostgresEventStore } from '@sce/event-store';
import { describeWith, freshSchema, TEST_PG_URL } from '@sce/test-stack';
import { Client } from 'pg';
import { keyOf } from './doc-key';
import { PostgresDocStore } from './postgres-doc-store';

/** The bytes of the table's own storage: a DELETE leaves its dead rows there until a vacuum. */
async function tableBytes(schema: string): Promise<number> {
  const pg = new Client({ connectionString: TEST_PG_URL });
  await pg.connect();
  try {
    const { rows } = await pg.query('SELECT pg_relation_size($1::regclass) AS bytes', [`"${schema}".read_docs`]);
    return Number(rows[0].bytes);
  } finally {
    await pg.end();
  }
}

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

  it('resets by emptying the table, leaving no dead rows behind, and only the checkpoint it names', async () => {
    const { schema, drop } = await freshSchema('sce_reset');
    const docs = await PostgresDocStore.connect(TEST_PG_URL, schema);
    try {
      const orders = Array.from({ length: 2000 }, (_, n) => [
        keyOf({ model: 'order', shopId: 's-1', id: `o-${n}` }),
        { n },
      ]);
      await docs.commit(new Map(orders as [string, unknown][]), 'read-models', 0, 2000);
      await docs.commit(new Map(), 'kafka-events', 0, 7);
      expect(await tableBytes(schema)).toBeGreaterThan(0);

      await docs.reset('read-models');
      expect(await docs.list('order')).toEqual([]);
      expect(await docs.checkpoint('read-models')).toBe(0);
      expect(await docs.checkpoint('kafka-events')).toBe(7);
      expect(await tableBytes(schema)).toBe(0);
    } finally {
      await docs.close();
      await drop();
    }
  });
});
