import { describeWith, freshSchema, TEST_PG_URL } from '@sce/test-stack';
import { Client } from 'pg';
import { PostgresEventStore } from './postgres-event-store';

const metadata = { actor: { role: 'SELLER', id: 's' }, occurredAt: '2026-11-27T00:00:00.000Z' };
/** sce_append's input for commands listing products `from`..`from+count-1`, each also reading the shop. */
const batch = (from: number, count = 1) =>
  JSON.stringify(
    Array.from({ length: count }, (_, k) => ({
      c: `c-${from + k}`,
      f: 'fp',
      w: [
        { s: `product-shop-1/p-${from + k}`, x: -1, e: [{ t: 'ProductListed', d: { n: from + k }, m: metadata }] },
        { s: 'shop-shop-1', x: null, e: [] },
      ],
    })),
  );

describeWith('postgres', 'sce_append query plans', () => {
  let schema: string;
  let drop: () => Promise<void>;
  const connect = async () => {
    const client = new Client({ connectionString: TEST_PG_URL });
    await client.connect();
    await client.query(`SET search_path TO "${schema}"`);
    return client;
  };

  beforeEach(async () => {
    ({ schema, drop } = await freshSchema());
    await (await PostgresEventStore.connect({ connectionString: TEST_PG_URL, schema })).close();
  });
  afterEach(() => drop());

  // A connection's first calls ran on empty tables; PL/pgSQL caches plans per connection, and a
  // generic plan made then scans whole tables forever after (appends slowed from 1,100/s to
  // 100/s within a minute of the benchmark). Every lookup must stay on an index as the log grows.
  it('finds streams and commands by index on a connection that started on an empty log', async () => {
    const early = await connect();
    // No ANALYZE in between, as when autovacuum has not come round yet: its statistics would re-plan.
    for (const table of ['streams', 'commands', 'events'])
      await early.query(`ALTER TABLE ${table} SET (autovacuum_enabled = false)`);
    const bulk = await connect();
    try {
      // Statistics taken while the tables were nearly empty (autovacuum does that early), then group
      // commits of 32 commands: the plan cache settled on generic plans in that state in the
      // benchmark; the session asks for them here so that it happens every run.
      await early.query('SET plan_cache_mode = force_generic_plan');
      await early.query('ANALYZE streams, commands, events');
      for (let i = 0; i < 12; i++) await early.query('SELECT sce_append($1::jsonb, $2)', [batch(i * 32, 32), 'test']);
      for (let i = 1000; i < 21_000; i += 500)
        await bulk.query('SELECT sce_append($1::jsonb, $2)', [batch(i, 500), 'test']);

      await early.query("LOAD 'auto_explain'");
      for (const setting of [
        'auto_explain.log_nested_statements = on',
        'auto_explain.log_min_duration = 0',
        'auto_explain.log_level = notice',
        'client_min_messages = notice',
      ])
        await early.query(`SET ${setting}`);
      const plans: string[] = [];
      early.on('notice', (notice) => plans.push(notice.message ?? ''));
      await early.query('SELECT sce_append($1::jsonb, $2)', [batch(50_000), 'test']);

      const lookups = plans.filter((plan) => /Scan (using \w+ )?on (streams|commands)\b/.test(plan));
      expect(lookups.length).toBeGreaterThanOrEqual(2);
      for (const plan of plans) expect(plan).not.toMatch(/Seq Scan on (streams|commands|events)\b/);
    } finally {
      await early.end();
      await bulk.end();
    }
  });
});
