import { PostgresEventStore } from '@sce/event-store';
import { describeWith, freshSchema, TEST_PG_URL } from '@sce/test-stack';
import { Client } from 'pg';
import { keyOf, MODELS } from './doc-key';
import { CheckpointMoved } from './doc-store';
import { buildCheckpoint } from './generation';
import { PostgresDocStore } from './postgres-doc-store';

/** The bytes of the table's own storage (undefined: no such table). */
async function tableBytes(schema: string, table: string): Promise<number | undefined> {
  const pg = new Client({ connectionString: TEST_PG_URL });
  await pg.connect();
  try {
    const { rows } = await pg.query('SELECT pg_relation_size(to_regclass($1)) AS bytes', [`"${schema}".${table}`]);
    return rows[0].bytes === null ? undefined : Number(rows[0].bytes);
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

  it('switches to a build in one step and drops the old generation whole, leaving other checkpoints alone', async () => {
    const { schema, drop } = await freshSchema('sce_switch');
    const docs = await PostgresDocStore.connect(TEST_PG_URL, schema);
    try {
      const orders = (v: string) =>
        new Map(
          Array.from({ length: 2000 }, (_, n) => [keyOf({ model: 'order', shopId: 's-1', id: `o-${n}` }), { v }]),
        );
      await docs.commit(orders('old'), 'read-models', 0, 2000);
      await docs.commit(new Map(), 'kafka-events', 0, 7);
      expect(await tableBytes(schema, 'read_docs')).toBeGreaterThan(0);

      const build = await docs.beginBuild({ orders: 3 });
      await docs.commit(orders('new'), buildCheckpoint(build.generation), 0, 2000, build.generation);
      expect((await docs.list<{ v: string }>('order'))[0]).toEqual({ v: 'old' });
      await expect(docs.switchTo(build, MODELS, 1999)).rejects.toThrow(CheckpointMoved);
      await docs.switchTo(build, MODELS, 2000);

      expect((await docs.list<{ v: string }>('order')).map((d) => d.v)).toEqual(Array(2000).fill('new'));
      expect(await tableBytes(schema, 'read_docs')).toBeUndefined();
      expect(await docs.versions()).toEqual({ orders: 3 });
      expect(await docs.build()).toBeUndefined();
      expect(await docs.checkpoint('read-models')).toBe(2000);
      expect(await docs.checkpoint('kafka-events')).toBe(7);
    } finally {
      await docs.close();
      await drop();
    }
  });
});
