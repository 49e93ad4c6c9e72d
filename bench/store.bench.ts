// npm run bench:store — the command path and full-log reads on SQLite and PostgreSQL.
// Writes bench/results/store.json.
import { CommandHandler } from '@sce/application';
import { cmd, opening } from '@sce/domain/testkit';
import { PostgresEventStore, SqliteEventStore, type EventStore } from '@sce/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { throughput, writeResults, type Figure } from './bench-kit';

const PG_URL = process.env.SCE_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const C1 = Number(process.env.SCE_BENCH_C1 ?? 3000);
const C32 = Number(process.env.SCE_BENCH_C32 ?? 40000);
const READ = Number(process.env.SCE_BENCH_READ ?? 300000);

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

/** Seeds `count` events of about 200 bytes, then reads the whole log in pages: events/s. */
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
  const started = process.hrtime.bigint();
  let read = 0;
  for await (const batch of store.readAll({ batchSize: 5000 })) read += batch.length;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return Math.round(read / seconds);
}

async function sqlite(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sce-bench-'));
  const open = (name: string) => new SqliteEventStore(join(dir, `${name}.db`));
  try {
    const [a, b, c] = [open('c1'), open('c32'), open('read')];
    const figures = [
      { name: 'sqlite.commands_per_sec.c1', unit: 'commands/s', value: await commandsPerSecond(a, 'sqlite c1', C1, 1) },
      {
        name: 'sqlite.commands_per_sec.c32',
        unit: 'commands/s',
        value: await commandsPerSecond(b, 'sqlite c32', C32, 32),
      },
      { name: 'sqlite.read_events_per_sec', unit: 'events/s', value: await readEventsPerSecond(c, READ) },
    ];
    await Promise.all([a, b, c].map((s) => s.close()));
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgres(): Promise<Figure[]> {
  const schemas = ['bench_c1', 'bench_c32', 'bench_read'].map((s) => `${s}_${process.pid}`);
  const open = (schema: string) => PostgresEventStore.connect({ connectionString: PG_URL, schema, poolSize: 16 });
  try {
    const [a, b, c] = await Promise.all(schemas.map(open));
    const figures = [
      {
        name: 'postgres.commands_per_sec.c1',
        unit: 'commands/s',
        value: await commandsPerSecond(a!, 'postgres c1', C1, 1),
      },
      {
        name: 'postgres.commands_per_sec.c32',
        unit: 'commands/s',
        value: await commandsPerSecond(b!, 'postgres c32', C32 / 2, 32),
      },
      { name: 'postgres.read_events_per_sec', unit: 'events/s', value: await readEventsPerSecond(c!, READ) },
    ];
    await Promise.all([a, b, c].map((s) => s!.close()));
    return figures;
  } finally {
    const client = new Client({ connectionString: PG_URL });
    await client.connect();
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
}

/** `SCE_BENCH_STORES=postgres` runs one store only (the file then holds only its figures). */
const STORES = (process.env.SCE_BENCH_STORES ?? 'sqlite,postgres').split(',');

async function main() {
  const figures = [
    ...(STORES.includes('sqlite') ? await sqlite() : []),
    ...(STORES.includes('postgres') ? await postgres() : []),
  ];
  writeResults('store.json', figures);
}

void main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
