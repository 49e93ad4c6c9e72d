// npm run bench:http — a mixed seller workload over HTTP at 32 connections against the engine on
// SQLite, from this process (the engine runs in its own). Writes bench/results/http.json.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { writeResults } from './bench-kit';

const DURATION = Number(process.env.SCE_BENCH_SECONDS ?? 15);
const PRODUCTS = 50;

async function startEngine(dataDir: string): Promise<{ url: string; pid: number; stop(): void }> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.SCE_BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.SCE_BENCH_PROFILE] : []),
      join(__dirname, '../tools/start.js'),
    ],
    {
      env: { ...process.env, SCE_DATA_DIR: dataDir, PORT: '0', SCE_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve) =>
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const found = line.match(/listening on (http:\/\/\S+)/);
      if (found) resolve(found[1]!);
    }),
  );
  return { url, pid: child.pid!, stop: () => child.kill('SIGTERM') };
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'sce-bench-http-'));
  const engine = await startEngine(dataDir);
  const platformKey = readFileSync(join(dataDir, 'api-keys.json.first-key.txt'), 'utf8').trim();
  const post = async (key: string, path: string, body: unknown) => {
    const response = await fetch(`${engine.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return response.json() as Promise<{ key: string; positions?: number[] }>;
  };
  let n = 0;
  const command = (type: string, payload: object) => ({ commandId: `seed-${n++}`, type, shopId: 'shop-1', payload });
  const keyFor = async (role: string, shopId?: string) =>
    (await post(platformKey, '/v1/api-keys', { name: role, role, shopId })).key;
  const [seller, buyer, system] = [await keyFor('SELLER', 'shop-1'), await keyFor('BUYER'), await keyFor('SYSTEM')];
  await post(
    platformKey,
    '/v1/commands',
    command('RegisterShop', { name: 'Bench', sellerId: 's', timeZone: 'America/Los_Angeles', currency: 'USD' }),
  );
  await post(
    seller,
    '/v1/commands',
    command('SaveShippingTemplate', {
      zones: [{ name: 'US', regions: ['US'], fee: 599 }],
      excludedRegions: [],
      freeShippingThreshold: 5000,
      shippingDiscountPercent: 0,
    }),
  );
  for (let p = 0; p < PRODUCTS; p++) {
    await post(
      seller,
      '/v1/commands',
      command('ListProduct', { productId: `p-${p}`, title: `Product ${p}`, price: 1000 + p, stock: 10_000_000 }),
    );
    await post(platformKey, '/v1/commands', command('ApproveProduct', { productId: `p-${p}` }));
  }

  // The mix a seller center sees at peak: half visits, four in ten orders, some stock corrections.
  let i = 0;
  const next = () => {
    const id = i++;
    const roll = id % 10;
    if (roll < 5)
      return {
        key: system,
        body: {
          commandId: `v-${id}`,
          type: 'RecordVisit',
          shopId: 'shop-1',
          payload: { visitorId: `visitor-${id % 5000}`, productId: `p-${id % PRODUCTS}` },
        },
      };
    if (roll < 9) {
      const payload = {
        orderId: `o-${id}`,
        buyerId: `b-${id % 997}`,
        lines: [{ productId: `p-${id % PRODUCTS}`, quantity: 1 }],
        shipTo: { country: 'US', region: 'CA' },
        channel: 'LIVE',
      };
      return { key: buyer, body: { commandId: `o-${id}`, type: 'PlaceOrder', shopId: 'shop-1', payload } };
    }
    return {
      key: seller,
      body: {
        commandId: `s-${id}`,
        type: 'AdjustStock',
        shopId: 'shop-1',
        payload: { productId: `p-${id % PRODUCTS}`, delta: 1 },
      },
    };
  };
  const result = await autocannon({
    url: `${engine.url}/v1/commands`,
    connections: 32,
    duration: DURATION,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const { key, body } = next();
          return {
            ...request,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
            body: JSON.stringify(body),
          };
        },
      },
    ],
  });
  const loadEnded = Date.now();
  for (;;) {
    const health = (await (await fetch(`${engine.url}/health`)).json()) as {
      details: { projections: { lag: number } };
    };
    if (health.details.projections.lag === 0) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const catchup = Date.now() - loadEnded;
  const peakRss = peakRssMiB(engine.pid);
  engine.stop();
  rmSync(dataDir, { recursive: true, force: true });
  if (result.non2xx > 0 || result.errors > 0)
    console.warn(`warning: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
  writeResults('http.json', [
    { name: 'http.commands_per_sec.c32', unit: 'commands/s', value: Math.round(result['2xx'] / result.duration) },
    { name: 'http.latency_p50_ms.c32', unit: 'ms', value: result.latency.p50 },
    { name: 'http.latency_p99_ms.c32', unit: 'ms', value: result.latency.p99 },
    { name: 'http.projection_catchup_ms', unit: 'ms', value: catchup },
    ...(peakRss === undefined ? [] : [{ name: 'http.engine_peak_rss_mib', unit: 'MiB', value: peakRss }]),
  ]);
}

/** The engine process's peak resident memory over its life (Linux: VmHWM); undefined elsewhere. */
function peakRssMiB(pid: number): number | undefined {
  try {
    const kib = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
    return Math.round(kib / 1024);
  } catch {
    console.warn('engine peak memory not measured: no /proc/<pid>/status on this system');
    return undefined;
  }
}

void main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
