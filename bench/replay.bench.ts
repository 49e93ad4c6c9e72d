// npm run bench:replay — a 1,000,000-event history of 16 shops of skewed sizes: exporting it with the
// CLI (NDJSON, CSV, Parquet), rebuilding its read models (SQLite, PostgreSQL), the engine's reads on
// them, and time travel: the speeds and peak memory.
// Writes bench/results/replay.json.
import { streams } from '@sce/domain';
import type { EventStore, NewEvent } from '@sce/event-store';
import { dashboard, TimeTravel } from '@sce/projections';
import { loadConfig, openEventStore } from '@sce/runtime';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeResults, type Figure } from './bench-kit';
import { readFigures } from './read-load';
import { rebuildOnce, withPostgresCopy, type Rebuilt } from './rebuild';

const EVENTS = Number(process.env.SCE_BENCH_EVENTS ?? 1_000_000);
const PASSES = Number(process.env.SCE_BENCH_PASSES ?? 3);
const ROOT = join(__dirname, '..');

const at = (i: number) => new Date(Date.UTC(2026, 10, 1) + i * 2_000).toISOString();
const meta = (role: string, id: string, i: number) => ({ actor: { role, id }, occurredAt: at(i) });

/** A shop's week in tens: an order placed, shipped and delivered, and seven visits. */
function tenEvents(shop: number, n: number): { stream: string; events: NewEvent[] }[] {
  const shopId = `shop-${shop}`;
  const orderId = `o-${n}`;
  const lines = [
    {
      productId: `p-${n % 40}`,
      title: 'Hoodie',
      quantity: 1,
      unitPrice: 4500,
      listPrice: 4500,
      lineTotal: 4500,
      campaignId: null,
    },
    {
      productId: `p-${(n + 7) % 40}`,
      title: 'Mug',
      quantity: 2,
      unitPrice: 1500,
      listPrice: 1500,
      lineTotal: 3000,
      campaignId: null,
    },
  ];
  const order: NewEvent[] = [
    {
      type: 'OrderPlaced',
      data: {
        shopId,
        orderId,
        buyerId: `b-${n % 5000}`,
        lines,
        itemsTotal: 7500,
        shippingFee: 800,
        total: 8300,
        currency: 'USD',
        channel: 'LIVE',
        shipTo: { country: 'US', region: 'CA' },
      },
      metadata: meta('BUYER', `b-${n % 5000}`, n * 10),
    },
    {
      type: 'OrderShipped',
      data: { shopId, orderId, carrier: 'UPS', trackingNumber: `1Z${n}` },
      metadata: meta('SELLER', 's-1', n * 10 + 1),
    },
    {
      type: 'OrderDelivered',
      data: { shopId, orderId, deliveredAt: at(n * 10 + 2) },
      metadata: meta('SYSTEM', 'carrier', n * 10 + 2),
    },
  ];
  const visits: NewEvent[] = Array.from({ length: 7 }, (_, v) => ({
    type: 'VisitRecorded',
    data: { shopId, visitorId: `v-${(n * 7 + v) % 20000}`, productId: `p-${v}` },
    metadata: meta('BUYER', `v-${v}`, n * 10 + 3 + v),
  }));
  return [
    { stream: `order-${shopId}/${orderId}`, events: order },
    { stream: `visits-${shopId}`, events: visits },
  ];
}

/** Skewed shop sizes: shop-0 has four in ten orders, each of the other fifteen one in twenty-five. */
const SHOPS = 16;
const shopOf = (n: number) => (n % 5 < 2 ? 0 : 1 + (Math.floor(n / 5) % (SHOPS - 1)));

async function seed(store: EventStore): Promise<void> {
  const started = Date.now();
  await store.append(
    Array.from({ length: SHOPS }, (_, i) => ({
      stream: streams.shop(`shop-${i}`),
      expected: 'any' as const,
      events: [
        {
          type: 'ShopRegistered',
          data: {
            shopId: `shop-${i}`,
            name: `Shop ${i}`,
            sellerId: `s-${i}`,
            timeZone: 'America/Los_Angeles',
            currency: 'USD',
          },
          metadata: meta('PLATFORM', 'ops', 0),
        },
      ],
    })),
  );
  for (let n = 0; n * 10 < EVENTS; n += 100) {
    const writes = Array.from({ length: 100 }, (_, k) => tenEvents(shopOf(n + k), n + k)).flat();
    await store.append(writes.map((w) => ({ ...w, expected: 'any' as const })));
  }
  console.log(`seeded ${EVENTS.toLocaleString('en-US')} events in ${Date.now() - started} ms`);
}

/** One CLI export in its own process: events/s as the CLI reports it, and the process's peak RSS. */
function exportOnce(dataDir: string, format: string): { perSec: number; rssMib: number } {
  const rssFile = join(dataDir, 'rss');
  const run = spawnSync(
    process.execPath,
    [
      // SCE_BENCH_NODE_ARGS: flags for the CLI's node, e.g. --cpu-prof --cpu-prof-dir=DIR to profile it.
      ...(process.env.SCE_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      '--require',
      join(__dirname, 'rss-at-exit.js'),
      join(ROOT, 'tools/cli.js'),
      'export',
      '--format',
      format,
      '--out',
      join(dataDir, `out.${format}`),
    ],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SCE_DATA_DIR: dataDir, SCE_BENCH_RSS_FILE: rssFile } },
  );
  const reported = /exported (\d+) events in \d+ ms \((\d+)\/s\)/.exec(run.stderr);
  if (run.status !== 0 || !reported || Number(reported[1]) !== EVENTS + SHOPS)
    throw new Error(`export --format ${format} failed (${run.status}): ${run.stderr}`);
  return { perSec: Number(reported[2]), rssMib: Math.round(Number(readFileSync(rssFile, 'utf8')) / 1024) };
}

/**
 * A dashboard `knownAtPosition` the middle of the history, as the engine answers it: the replay
 * into memory (cold), then the same question again (warm, the median of 20).
 */
async function timeTravelMs(store: EventStore): Promise<{ cold: number; warm: number }> {
  const travel = new TimeTravel(store);
  const at = { position: Math.floor((await store.headPosition()) / 2) };
  const ask = () =>
    travel.read(at, ({ docs }) =>
      dashboard(docs, 'shop-3', { from: '2026-11-01', to: '2027-01-01' }, '2026-11-01T00:00:00Z'),
    );
  const timed = async () => {
    const started = process.hrtime.bigint();
    await ask();
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  const cold = await timed();
  const warm: number[] = [];
  for (let i = 0; i < 20; i++) warm.push(await timed());
  console.log(
    `time travel to position ${at.position}: cold ${cold.toFixed(0)} ms, warm ${warm.map((w) => w.toFixed(1)).join(', ')} ms`,
  );
  return { cold: Math.round(cold), warm: Math.round(median(warm) * 10) / 10 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

async function main() {
  // SCE_BENCH_SEED_DIR=DIR: only seed the history into DIR and keep it, to profile a CLI command on it.
  const keep = process.env.SCE_BENCH_SEED_DIR;
  if (keep) {
    const store = await openEventStore(loadConfig({ ...process.env, SCE_STORE: 'sqlite', SCE_DATA_DIR: keep }));
    await seed(store);
    return store.close();
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'sce-bench-replay-'));
  try {
    const store = await openEventStore(loadConfig({ ...process.env, SCE_STORE: 'sqlite', SCE_DATA_DIR: dataDir }));
    await seed(store);
    const travel = await timeTravelMs(store);
    const rebuilt = await withPostgresCopy(store, (postgres) => {
      const runs: Record<'sqlite' | 'postgres', Rebuilt[]> = { sqlite: [], postgres: [] };
      for (let pass = 0; pass < PASSES; pass++) {
        runs.sqlite.push(rebuildOnce(dataDir));
        runs.postgres.push(rebuildOnce(dataDir, postgres));
        console.log(
          `pass ${pass + 1} rebuild  sqlite ${runs.sqlite[pass]!.perSec.toLocaleString('en-US')} events/s, postgres ${runs.postgres[pass]!.perSec.toLocaleString('en-US')} events/s`,
        );
      }
      return runs;
    });
    await store.close();
    const formats = ['ndjson', 'csv', 'parquet'];
    const runs: Record<string, { perSec: number; rssMib: number }[]> = Object.fromEntries(formats.map((f) => [f, []]));
    // The formats alternate pass by pass: the machine's drift over the session falls on each alike.
    for (let pass = 0; pass < PASSES; pass++)
      for (const format of formats) {
        const run = exportOnce(dataDir, format);
        runs[format]!.push(run);
        console.log(
          `pass ${pass + 1} ${format.padEnd(8)} ${run.perSec.toLocaleString('en-US')} events/s, peak RSS ${run.rssMib} MiB`,
        );
      }
    // The last SQLite rebuild left the data directory's read models built: an engine serves them (its
    // visits go to the log, so this comes after the exports).
    const shops = Array.from({ length: SHOPS }, (_, i) => `shop-${i}`);
    const reads = await readFigures(dataDir, 'shop-0', 'shop-1', shops);
    const figures: Figure[] = formats.flatMap((format) => [
      { name: `export.${format}_events_per_sec`, unit: 'events/s', value: median(runs[format]!.map((r) => r.perSec)) },
      { name: `export.${format}_peak_rss_mib`, unit: 'MiB', value: Math.max(...runs[format]!.map((r) => r.rssMib)) },
    ]);
    figures.push(
      ...(['sqlite', 'postgres'] as const).map((s) => ({
        name: `${s}.rebuild_events_per_sec`,
        unit: 'events/s',
        value: median(rebuilt[s].map((r) => r.perSec)),
      })),
      {
        name: 'rebuild.peak_rss_mib',
        unit: 'MiB',
        value: Math.max(...[...rebuilt.sqlite, ...rebuilt.postgres].map((r) => r.rssMib)),
      },
      { name: 'timetravel.cold_ms', unit: 'ms', value: travel.cold },
      { name: 'timetravel.warm_ms', unit: 'ms', value: travel.warm },
      ...reads,
    );
    writeResults('replay.json', figures);
    for (const format of formats)
      console.log(
        `  ${format} range: ${runs[format]!.map((r) => r.perSec.toLocaleString('en-US')).join(', ')} events/s`,
      );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
