import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describeWith, freshSchema, TEST_PG_URL } from '@sce/test-stack';
import { runCliWith, startEngine, type Engine } from './engine-harness';
import { keysFor, tellTheStory, type Keys } from './seller-story';

const RANGE = 'from=2026-11-25&to=2026-12-09';

interface DayFigures {
  date: string;
  orders: number;
  gmv: number;
  refunds: number;
}

/** DuckDB's own sums by the shop's local day (ICU time zones), from an exported file. */
async function figuresByDay(source: string): Promise<DayFigures[]> {
  const db = await DuckDBInstance.create(':memory:');
  const sql = await db.connect();
  try {
    const rows = await sql.runAndReadAll(`
      WITH e AS (
        SELECT type, "data.itemsTotal" AS items_total, "data.amount" AS amount,
               CAST(timezone('America/Los_Angeles', timezone('UTC', CAST("occurredAt" AS TIMESTAMP))) AS DATE) AS day
        FROM ${source})
      SELECT strftime(day, '%Y-%m-%d') AS date,
             count(*) FILTER (WHERE type = 'OrderPlaced') AS orders,
             coalesce(sum(items_total) FILTER (WHERE type = 'OrderPlaced'), 0) AS gmv,
             coalesce(sum(amount) FILTER (WHERE type = 'RefundIssued'), 0) AS refunds
      FROM e WHERE type IN ('OrderPlaced', 'RefundIssued') GROUP BY day ORDER BY day`);
    return rows.getRowObjectsJson().map((r) => ({
      date: String(r.date),
      orders: Number(r.orders),
      gmv: Number(r.gmv),
      refunds: Number(r.refunds),
    }));
  } finally {
    sql.closeSync();
    db.closeSync();
  }
}

function exportChecks(open: () => Promise<{ engine: Engine; env: NodeJS.ProcessEnv; done(): Promise<void> }>) {
  let engine: Engine;
  let env: NodeJS.ProcessEnv;
  let done: () => Promise<void>;
  let keys: Keys;
  let last: number;
  const cli = (...args: string[]) => runCliWith(env, engine.dataDir, ...args);
  const file = (name: string) => join(engine.dataDir, name);

  beforeAll(async () => {
    ({ engine, env, done } = await open());
    keys = await keysFor(engine);
    last = await tellTheStory(keys);
  });
  afterAll(async () => {
    await engine?.stop();
    await done?.();
  });

  const dashboardDays = async (): Promise<DayFigures[]> => {
    const { body } = await keys.seller.get(`/v1/shops/shop-la/dashboard?${RANGE}&atPosition=${last}`);
    return (body as { days: DayFigures[] }).days
      .filter((d) => d.orders || d.refunds)
      .map(({ date, orders, gmv, refunds }) => ({ date, orders, gmv, refunds }));
  };

  it('writes Parquet that DuckDB reads back to the dashboard’s orders, GMV and refunds by day', async () => {
    const out = file('shop-la.parquet');
    const run = cli(
      'export',
      '--format',
      'parquet',
      '--out',
      out,
      '--shop',
      'shop-la',
      '--type',
      'OrderPlaced,RefundIssued',
    );
    expect(run.stderr).toMatch(/exported \d+ events/);
    expect(run.status).toBe(0);
    const days = await figuresByDay(`read_parquet('${out}')`);
    expect(days.length).toBeGreaterThan(3);
    expect(days).toEqual(await dashboardDays());
  });

  it('writes CSV of every event of the shop, one row each, with the payload flattened and as JSON', async () => {
    const out = file('shop-la.csv');
    expect(cli('export', '--format', 'csv', '--out', out, '--shop', 'shop-la').status).toBe(0);
    expect(await figuresByDay(`read_csv('${out}', header = true)`)).toEqual(await dashboardDays());

    const ndjson = cli('export', '--shop', 'shop-la');
    const events = ndjson.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events.length).toBeGreaterThan(20);
    expect(events.every((e) => e.data.shopId === 'shop-la')).toBe(true);
    const db = await DuckDBInstance.create(':memory:');
    const sql = await db.connect();
    const rows = (
      await sql.runAndReadAll(
        `SELECT position, type, "actorRole", data FROM read_csv('${out}', header = true) ORDER BY position`,
      )
    ).getRowObjectsJson();
    sql.closeSync();
    db.closeSync();
    expect(rows.map((r) => [Number(r.position), r.type, r.actorRole])).toEqual(
      events.map((e) => [e.position, e.type, e.metadata.actor.role]),
    );
    expect(rows.map((r) => JSON.parse(String(r.data)))).toEqual(events.map((e) => e.data));
  });

  it('keeps to the recording-time range, [from, to)', () => {
    const all = cli('export')
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const middle = all[Math.floor(all.length / 2)]!;
    const before = cli('export', '--recorded-to', middle.recordedAt).stdout.trim().split('\n');
    const from = cli('export', '--recorded-from', middle.recordedAt).stdout.trim().split('\n');
    expect(before.length + from.length).toBe(all.length);
    expect(before.map((l) => JSON.parse(l).recordedAt < middle.recordedAt).every(Boolean)).toBe(true);
    expect(from.map((l) => JSON.parse(l).recordedAt >= middle.recordedAt).every(Boolean)).toBe(true);
  });
}

describe('the analysts’ export, on SQLite', () => {
  exportChecks(async () => {
    const engine = await startEngine();
    return { engine, env: {}, done: async () => undefined };
  });
});

describeWith('postgres', 'the analysts’ export, on PostgreSQL', () => {
  exportChecks(async () => {
    const schema = await freshSchema('sce_export');
    const env = { SCE_STORE: 'postgres', SCE_POSTGRES_URL: TEST_PG_URL, SCE_POSTGRES_SCHEMA: schema.schema };
    const engine = await startEngine(env);
    return { engine, env, done: () => schema.drop() };
  });
});

describe('the export’s arguments', () => {
  it('answers --help without a store, and names each bad argument with exit code 2, writing nothing', () => {
    const dir = join(__dirname, '../../tmp/export-args');
    try {
      const help = runCliWith({ SCE_STORE: 'nonsense' }, dir, 'export', '--help');
      expect(help.status).toBe(0);
      expect(help.stdout).toContain('--format ndjson|csv|parquet');
      for (const [args, message] of [
        [['--format', 'xlsx'], '--format must be one of ndjson, csv, parquet, not xlsx'],
        [['--format', 'parquet'], '--format parquet needs --out FILE'],
        [['--type', 'OrderPlaced,Nope'], '--type: Nope is not one of'],
        [['--category', 'orders'], '--category: orders is not one of shop, product, order'],
        [['--after', '1.5'], '--after must be a whole number'],
        [['--recorded-from', '2026-13-01T00:00:00Z'], '--recorded-from must be an RFC 3339 time'],
        [['--recorded-from', '2026-12-02T00:00:00Z', '--recorded-to', '2026-12-01T00:00:00Z'], 'before --recorded-to'],
        [['--shop'], "Option '--shop <value>' argument missing"],
        [['--colour', 'red'], "Unknown option '--colour'"],
      ] as const) {
        const run = runCliWith({}, dir, 'export', ...args);
        expect({ args, status: run.status, stderr: run.stderr }).toMatchObject({
          status: 2,
          stderr: expect.stringContaining(message),
        });
      }
      expect(() => readFileSync(join(dir, 'events.db'))).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
