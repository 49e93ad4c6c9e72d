// npm run bench:store — the command path and full-log reads on SQLite and PostgreSQL.
// Writes bench/results/store.json.
import { CommandHandler } from '@sce/application';
import { cmd, opening } from '@sce/domain/testkit';
import type { EventStore } from '@sce/event-store';
import { loadConfig, openEventStore } from '@sce/runtime';
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { throughput, writeResults, type Figure } from './bench-kit';
import { coldCommandMs } from './cold-command';

const PG_URL = process.env.SCE_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const C1 = Number(process.env.SCE_BENCH_C1 ?? 3000);
const C32 = Number(process.env.SCE_BENCH_C32 ?? 40000);
const READ = Number(process.env.SCE_BENCH_READ ?? 300000);
const READ_PASSES = Number(process.env.SCE_BENCH_READ_PASSES ?? 5);

/** Read a fresh product stream (and the shop), decide ListProduct, append it with the ledger entry. */
async function commandsPerSecond(
  store: EventStore,
  label: string,
  total: number,
  concurrency: number,
): Promise<number> {
  const handler = new CommandHandler(store);
  for (const [i, command] of opening().entries())
    await handler.handle(`${label}-open-${i}`, command, { role: command.metadata.actor.role, shopId: 'shop-1' });
  return throughput(label, total, concurrency, async (i) => {
    const command = cmd('ListProduct', { productId: `${label}-${i}`, title: 'Bench product', price: 1999, stock: 10 });
    const outcome = await handler.handle(`${label}-${i}`, command, { role: 'SELLER', shopId: 'shop-1' });
    if (outcome.status !== 'accepted') throw new Error(`bench command not accepted: ${JSON.stringify(outcome)}`);
  });
}

/**
 * Seeds `count` events of about 200 bytes, then reads the whole log in pages, READ_PASSES times:
 * the median pass, in events/s (one pass lasts under a second, where this machine's speed drifts).
 */
async function readEventsPerSecond(store: EventStore, count: number): Promise<number> {
  const metadata = { actor: { role: 'BUYER', id: 'buyer-000042' }, occurredAt: '2026-11-27T15:04:05.000Z' };
  for (let i = 0; i < count; i += 1000) {
    const events = Array.from({ length: 1000 }, (_, n) => ({
      type: 'VisitRecorded',
      data: { shopId: 'shop-1', visitorId: `v-${i + n}`, productId: `p-${n % 50}` },
      metadata,
    }));
    await store.append([{ stream: `visits-bench-${i}`, expected: 'any', events }]);
  }
  const passes: number[] = [];
  for (let pass = 0; pass < READ_PASSES; pass++) {
    const started = process.hrtime.bigint();
    let read = 0;
    for await (const batch of store.readAll({ batchSize: 5000 })) read += batch.length;
    passes.push(Math.round(read / (Number(process.hrtime.bigint() - started) / 1e9)));
  }
  console.log(`${store.name} read passes (events/s): ${passes.join(', ')}`);
  return passes.sort((a, b) => a - b)[passes.length >> 1]!;
}

/**
 * The store as the engine opens it, from the engine's configuration: the environment's settings
 * (SCE_SQLITE_SYNCHRONOUS, ...) checked the same way, with the benchmark's own store and place.
 */
const openStore = (settings: NodeJS.ProcessEnv) => openEventStore(loadConfig({ ...process.env, ...settings }));

/** The SQLite store of one data directory, opened as often as `work` asks (each a fresh instance). */
async function onSqliteReopened(work: (open: () => Promise<EventStore>) => Promise<number>): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'sce-bench-'));
  try {
    return await work(() => openStore({ SCE_STORE: 'sqlite', SCE_READ_MODELS: 'sqlite', SCE_DATA_DIR: dir }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function onSqlite(work: (store: EventStore) => Promise<number>): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'sce-bench-'));
  const store = await openStore({ SCE_STORE: 'sqlite', SCE_READ_MODELS: 'sqlite', SCE_DATA_DIR: dir });
  try {
    return await work(store);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function onPostgres(work: (store: EventStore) => Promise<number>): Promise<number> {
  const schema = `bench_${process.pid}`;
  const store = await openStore({
    SCE_STORE: 'postgres',
    SCE_POSTGRES_URL: PG_URL,
    SCE_POSTGRES_SCHEMA: schema,
    SCE_POSTGRES_POOL_SIZE: process.env.SCE_POSTGRES_POOL_SIZE ?? '16',
  });
  try {
    return await work(store);
  } finally {
    await store.close();
    const client = new Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
}

const FIGURES: Record<string, () => Promise<number>> = {
  'sqlite.commands_per_sec.c1': () => onSqlite((s) => commandsPerSecond(s, 'sqlite c1', C1, 1)),
  'sqlite.commands_per_sec.c32': () => onSqlite((s) => commandsPerSecond(s, 'sqlite c32', C32, 32)),
  'sqlite.read_events_per_sec': () => onSqlite((s) => readEventsPerSecond(s, READ)),
  'postgres.commands_per_sec.c1': () => onPostgres((s) => commandsPerSecond(s, 'postgres c1', C1, 1)),
  'postgres.commands_per_sec.c32': () => onPostgres((s) => commandsPerSecond(s, 'postgres c32', C32 / 2, 32)),
  'postgres.read_events_per_sec': () => onPostgres((s) => readEventsPerSecond(s, READ)),
  // The first command on a long stream after a restart, with snapshots (ADR 16), on the default store.
  'store.cold_command_ms.1k': () => onSqliteReopened((open) => coldCommandMs(open, 1_000)),
  'store.cold_command_ms.10k': () => onSqliteReopened((open) => coldCommandMs(open, 10_000)),
  'store.cold_command_ms.100k': () => onSqliteReopened((open) => coldCommandMs(open, 100_000)),
};

/** The store a figure runs on: its name's first part (`store.` figures run on SQLite, the default). */
const storeOf = (name: string) => (name.startsWith('store.') ? 'sqlite' : name.slice(0, name.indexOf('.')));
const unitOf = (name: string) => (name.includes('.read_') ? 'events/s' : name.includes('_ms.') ? 'ms' : 'commands/s');

/**
 * Each figure is measured in a fresh process: a figure must not depend on the garbage the figures
 * before it left behind (the full-log read ran 385,000 events/s after the command figures in one
 * process, 578,000 on a clean heap).
 */
function inChild(name: string): Promise<Figure> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [name], { execArgv: process.execArgv });
    child.on('message', (value) => resolve({ name, unit: unitOf(name), value: value as number }));
    // 'close' comes after the IPC channel has delivered everything: a figure first makes this a no-op.
    child.on('close', (code) => reject(new Error(`${name}: the benchmark process ended (${code}) without a figure`)));
  });
}

/** `SCE_BENCH_STORES=postgres` runs one store only (the file then holds only its figures). */
const STORES = (process.env.SCE_BENCH_STORES ?? 'sqlite,postgres').split(',');
/**
 * `SCE_BENCH_ONLY=store.cold` runs the figures whose names start with one of these (comma-separated)
 * and keeps the file's other figures as they were.
 */
const ONLY = process.env.SCE_BENCH_ONLY?.split(',');
const RESULTS = join(__dirname, 'results', 'store.json');

async function main() {
  const figure = process.argv[2];
  if (figure) {
    const value = await FIGURES[figure]!();
    process.send!(value, () => process.disconnect());
    return;
  }
  const figures: Figure[] = [];
  for (const name of Object.keys(FIGURES))
    if (STORES.includes(storeOf(name)) && (!ONLY || ONLY.some((prefix) => name.startsWith(prefix))))
      figures.push(await inChild(name));
  if (!ONLY) return writeResults('store.json', figures);
  const kept = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Figure[]) : [];
  const measured = new Map(figures.map((f) => [f.name, f]));
  const merged = kept.map((f) => measured.get(f.name) ?? f);
  writeResults('store.json', [...merged, ...figures.filter((f) => !kept.some((k) => k.name === f.name))]);
}

void main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
