// npm run bench:http — over HTTP against the engine on SQLite, from this process (the engine runs in
// its own): the command mix at 32 connections, the mixed read/write load at 64 and 256, and the
// transport baseline (a bare Fastify route, same body, same load generator). Writes bench/results/http.json.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { writeResults, type Figure } from './bench-kit';
import { commandMix, mixedLoad, PRODUCTS, type Keys, type Request } from './http-workloads';

const DURATION = Number(process.env.SCE_BENCH_SECONDS ?? 15);
const SHOPS = 16;

function startProcess(script: string[], env: NodeJS.ProcessEnv): Promise<{ url: string; pid: number; stop(): void }> {
  const child = spawn(process.execPath, script, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve) =>
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const found = line.match(/listening on (http:\/\/\S+)/);
      if (found) resolve({ url: found[1]!, pid: child.pid!, stop: () => child.kill('SIGTERM') });
    }),
  );
}

const startEngine = (dataDir: string) =>
  startProcess(
    [
      ...(process.env.SCE_BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.SCE_BENCH_PROFILE] : []),
      join(__dirname, '../tools/start.js'),
    ],
    { SCE_DATA_DIR: dataDir, PORT: '0', SCE_LOG_LEVEL: 'warn' },
  );

/** `connections` clients sending `next()`'s requests for `seconds`. */
function load(url: string, connections: number, next: () => Request, seconds = DURATION) {
  return autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        setupRequest: (request) => {
          const { method, path, key, body } = next();
          return {
            ...request,
            method,
            path,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
            body: body === undefined ? undefined : JSON.stringify(body),
          };
        },
      },
    ],
  });
}

async function seed(url: string, platform: string): Promise<Keys> {
  const post = async (key: string, path: string, body: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return response.json() as Promise<{ key: string }>;
  };
  let n = 0;
  const send = (key: string, shopId: string, type: string, payload: object) =>
    post(key, '/v1/commands', { commandId: `seed-${n++}`, type, shopId, payload });
  const keyFor = async (role: string, shopId?: string) =>
    (await post(platform, '/v1/api-keys', { name: role, role, shopId })).key;
  const keys: Keys = { platform, buyer: await keyFor('BUYER'), system: await keyFor('SYSTEM'), sellers: [] };
  for (let s = 0; s < SHOPS; s++) {
    const shopId = `shop-${s}`;
    await send(platform, shopId, 'RegisterShop', {
      name: `Bench ${s}`,
      sellerId: `s-${s}`,
      timeZone: 'America/Los_Angeles',
      currency: 'USD',
    });
    const seller = await keyFor('SELLER', shopId);
    keys.sellers.push(seller);
    await send(seller, shopId, 'SaveShippingTemplate', {
      zones: [{ name: 'US', regions: ['US'], fee: 599 }],
      excludedRegions: [],
      freeShippingThreshold: 5000,
      shippingDiscountPercent: 0,
    });
    for (let p = 0; p < PRODUCTS; p++) {
      await send(seller, shopId, 'ListProduct', {
        productId: `p-${p}`,
        title: `Product ${p}`,
        price: 1000 + p,
        stock: 10_000_000,
      });
      await send(platform, shopId, 'ApproveProduct', { productId: `p-${p}` });
    }
  }
  return keys;
}

async function caughtUp(url: string): Promise<void> {
  for (;;) {
    const health = (await (await fetch(`${url}/health`)).json()) as { details: { projections: { lag: number } } };
    if (health.details.projections.lag === 0) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

function warnAbout(label: string, result: autocannon.Result): void {
  if (result.non2xx > 0 || result.errors > 0)
    console.warn(`${label}: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'sce-bench-http-'));
  const engine = await startEngine(dataDir);
  const keys = await seed(engine.url, readFileSync(join(dataDir, 'first-platform-key.txt'), 'utf8').trim());

  let id = 0;
  const commands = commandMix(keys);
  const c32 = await load(engine.url, 32, () => commands(id++));
  warnAbout('commands c32', c32);
  const loadEnded = Date.now();
  await caughtUp(engine.url);
  const catchup = Date.now() - loadEnded;
  let m = 0;
  const mixed = mixedLoad(keys, SHOPS, 10_000_000);
  const m64 = await load(engine.url, 64, () => mixed(m++));
  warnAbout('mixed c64', m64);
  const m256 = await load(engine.url, 256, () => mixed(m++));
  warnAbout('mixed c256', m256);
  const peakRss = peakRssMiB(engine.pid);
  engine.stop();
  rmSync(dataDir, { recursive: true, force: true });

  const bare = await startProcess(['-r', '@swc-node/register', join(__dirname, 'bare-fastify.ts')], {});
  let b = 0;
  const baseline = await load(bare.url, 32, () => commands(b++));
  bare.stop();

  const perSecond = (r: autocannon.Result) => Math.round(r['2xx'] / r.duration);
  const figures: Figure[] = [
    { name: 'http.commands_per_sec.c32', unit: 'commands/s', value: perSecond(c32) },
    { name: 'http.latency_p50_ms.c32', unit: 'ms', value: c32.latency.p50 },
    { name: 'http.latency_p99_ms.c32', unit: 'ms', value: c32.latency.p99 },
    { name: 'http.projection_catchup_ms', unit: 'ms', value: catchup },
    { name: 'http.mixed_req_per_sec.c64', unit: 'requests/s', value: perSecond(m64) },
    { name: 'http.mixed_latency_p99_ms.c64', unit: 'ms', value: m64.latency.p99 },
    { name: 'http.mixed_req_per_sec.c256', unit: 'requests/s', value: perSecond(m256) },
    { name: 'http.mixed_latency_p99_ms.c256', unit: 'ms', value: m256.latency.p99 },
    { name: 'http.mixed_refused_per_sec.c256', unit: 'requests/s', value: Math.round(m256.non2xx / m256.duration) },
    { name: 'http.bare_fastify_req_per_sec.c32', unit: 'requests/s', value: perSecond(baseline) },
    {
      name: 'http.share_of_transport',
      unit: 'ratio',
      value: Math.round((perSecond(c32) / perSecond(baseline)) * 100) / 100,
    },
    ...(peakRss === undefined ? [] : [{ name: 'http.engine_peak_rss_mib', unit: 'MiB', value: peakRss }]),
  ];
  writeResults('http.json', figures);
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
