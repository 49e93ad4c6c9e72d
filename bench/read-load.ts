// The reads figures of bench:replay: the engine serving the seeded history's read models, each read
// route's p50 for the largest and the smallest shop, and a mixed read load while commands flow.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Figure } from './bench-kit';
import { latencyWhileRebuilding } from './rebuild-latency';

const RANGE = 'from=2026-11-01&to=2027-03-01';
/** Each read route, as a seller's page asks it (120 days where a range is asked). */
export const READ_ROUTES: Record<string, string> = {
  dashboard: `dashboard?${RANGE}`,
  orders_stats: `orders/stats?${RANGE}`,
  orders_list: 'orders?limit=50',
  to_ship: 'orders/to-ship?limit=50',
  returns: `returns?${RANGE}`,
  products: 'products',
  performance: 'performance',
  live_sessions: `live-sessions?${RANGE}`,
};
const SECONDS = Number(process.env.SCE_BENCH_READ_SECONDS ?? 10);

function startEngine(dataDir: string): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, [join(__dirname, '../tools/start.js')], {
    env: { ...process.env, SCE_DATA_DIR: dataDir, PORT: '0', SCE_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve) =>
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const found = line.match(/listening on (http:\/\/\S+)/);
      if (found) resolve({ url: found[1]!, stop: () => child.kill('SIGTERM') });
    }),
  );
}

async function caughtUp(url: string): Promise<void> {
  for (;;) {
    const health = (await (await fetch(`${url}/health`)).json()) as { details: { projections: { lag: number } } };
    if (health.details.projections.lag === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The median of `times` requests to `path`, one at a time, in ms. */
async function p50(url: string, key: string, path: string, times = 60): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = process.hrtime.bigint();
    const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${key}` } });
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return Math.round(ms.sort((a, b) => a - b)[ms.length >> 1]! * 10) / 10;
}

/** Reads over every route and shop at `connections`, while two clients send visits. */
async function mixed(url: string, key: string, system: string, shops: string[], connections: number) {
  const paths = shops.flatMap((shop) => Object.values(READ_ROUTES).map((r) => `/v1/shops/${shop}/${r}`));
  let n = 0;
  let v = 0;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
  const writing = { ...headers, authorization: `Bearer ${system}` };
  const [reads, writes] = await Promise.all([
    autocannon({
      url,
      connections,
      duration: SECONDS,
      requests: [{ setupRequest: (r) => ({ ...r, method: 'GET', path: paths[n++ % paths.length]!, headers }) }],
    }),
    autocannon({
      url,
      connections: 2,
      duration: SECONDS,
      requests: [
        {
          setupRequest: (r) => ({
            ...r,
            method: 'POST',
            path: '/v1/commands',
            headers: writing,
            body: JSON.stringify({
              commandId: `bench-read-visit-${connections}-${v}`,
              type: 'RecordVisit',
              shopId: shops[v % shops.length],
              payload: { visitorId: `reader-${v++}`, productId: 'p-1' },
            }),
          }),
        },
      ],
    }),
  ]);
  if (reads.non2xx || reads.errors)
    console.warn(`mixed reads c${connections}: ${reads.non2xx} non-2xx, ${reads.errors} errors`);
  console.log(
    `mixed reads c${connections}: ${Math.round(reads['2xx'] / reads.duration)} req/s, p99 ${reads.latency.p99} ms; ` +
      `commands meanwhile ${Math.round(writes['2xx'] / writes.duration)}/s, p99 ${writes.latency.p99} ms`,
  );
  return { perSec: Math.round(reads['2xx'] / reads.duration), p99: reads.latency.p99 };
}

/**
 * An engine on `dataDir` (its read models built): the reads figures for `largest` and `smallest`,
 * then its answers while it rebuilds them.
 */
export async function readFigures(dataDir: string, largest: string, smallest: string, shops: string[]) {
  const engine = await startEngine(dataDir);
  try {
    const key = readFileSync(join(dataDir, 'first-platform-key.txt'), 'utf8').trim();
    await caughtUp(engine.url);
    const made = await fetch(`${engine.url}/v1/api-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ name: 'bench visits', role: 'SYSTEM' }),
    });
    const system = ((await made.json()) as { key: string }).key;
    const figures: Figure[] = [];
    for (const [name, route] of Object.entries(READ_ROUTES))
      for (const [size, shop] of [
        ['largest', largest],
        ['smallest', smallest],
      ] as const) {
        const value = await p50(engine.url, key, `/v1/shops/${shop}/${route}`);
        figures.push({ name: `reads.p50_ms.${name}.${size}`, unit: 'ms', value });
      }
    for (const connections of [8, 64]) {
      const { perSec, p99 } = await mixed(engine.url, key, system, shops, connections);
      figures.push(
        { name: `reads.mixed_req_per_sec.c${connections}`, unit: 'requests/s', value: perSec },
        { name: `reads.mixed_p99_ms.c${connections}`, unit: 'ms', value: p99 },
      );
    }
    figures.push(...(await latencyWhileRebuilding(engine.url, key, system)));
    return figures;
  } finally {
    engine.stop();
  }
}
