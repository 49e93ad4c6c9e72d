import { describeWith, freshSchema, TEST_PG_URL } from '@sce/test-stack';
import { Client } from 'pg';
import { events } from '../contract/fixtures';
import { PostgresEventStore } from './postgres-event-store';
import { PARTS_SQL } from './postgres-reads';

describeWith('postgres', 'PostgreSQL reads past a snapshot', () => {
  it('reads a long stream past its snapshot on the index, whatever the length of the stream', async () => {
    const { schema, drop } = await freshSchema();
    const store = await PostgresEventStore.connect({ connectionString: TEST_PG_URL, schema });
    const client = new Client({ connectionString: TEST_PG_URL });
    await client.connect();
    try {
      for (let i = 0; i < 20; i++)
        await store.append([
          { stream: 'product-long', expected: 'any', events: events(1000) },
          { stream: `product-${i}`, expected: 'any', events: events(50) },
        ]);
      await store.writeSnapshot('product-long', 19_990, 1, { stock: 1 });
      await client.query(`SET search_path TO "${schema}"`);
      await client.query('ANALYZE');
      const params = [
        ['product-long', 'product-3'],
        [null, 10],
        [1, 1],
      ];
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${PARTS_SQL}`, params);
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).toMatch(/Index (Only )?Scan (using \w+ )?on events/); // plain, or a bitmap of the index range
      expect(plan).not.toMatch(/Seq Scan on events/);
      const read = (await store.readStreams(['product-long'], { snapshots: new Map([['product-long', 1]]) })).get(
        'product-long',
      )!;
      expect([read.revision, read.snapshot?.revision, read.events.length]).toEqual([19_999, 19_990, 9]);
    } finally {
      await client.end();
      await store.close();
      await drop();
    }
  }, 60_000);
});
