// npm run bench:timers — orders whose auto-cancel falls due at once, fired through the command path
// on SQLite by the timer manager, for 10,000 and 100,000 orders (SCE_BENCH_TIMERS). Writes
// bench/results/timers.json.
import { CommandHandler, SettableClock, SqliteTimerStore, TimerManager } from '@sce/application';
import { streamOf, type DomainEvent } from '@sce/domain';
import { activeProduct, line, placed, readyShop, T0 } from '@sce/domain/testkit';
import { SqliteEventStore, type EventStore, type StreamWrite } from '@sce/event-store';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeResults, type Figure } from './bench-kit';

const SIZES = (process.env.SCE_BENCH_TIMERS ?? '10000,100000').split(',').map(Number);

interface Run {
  orders: number;
  derivedPerSec: number;
  firedPerSec: number;
  peakRssMib: number;
  /** The heap still in use after a full collection once every timer fired: what the manager keeps. */
  retainedHeapMib: number;
}

/** Appends `events` as the command path would have, grouped by stream, without deciding them (seeding only). */
async function seed(store: EventStore, events: DomainEvent[]): Promise<void> {
  const writes = new Map<string, StreamWrite>();
  const metadata = { actor: { role: 'BUYER', id: 'bench' }, occurredAt: T0 };
  for (const event of events) {
    const stream = streamOf(event);
    const write = writes.get(stream) ?? { stream, expected: 'any' as const, events: [] };
    write.events.push({ type: event.type, data: event.data, metadata });
    writes.set(stream, write);
  }
  await store.append([...writes.values()]);
}

/** Seeds `orders` orders placed at T0, whose auto-cancel falls due at the same instant. */
async function seedOrders(file: string, orders: number): Promise<void> {
  const store = new SqliteEventStore(file);
  await seed(store, [...readyShop(), ...activeProduct('p-1', 2000, orders)]);
  for (let i = 0; i < orders; i += 1000)
    await seed(
      store,
      Array.from({ length: Math.min(1000, orders - i) }, (_, n) => placed(`o-${i + n}`, [line('p-1', 1, 2000)])).flat(),
    );
  await store.close();
}

/** Derives the timers from the log, then fires them all: what an engine does, in a process that seeded nothing. */
async function fire(file: string, orders: number): Promise<Run> {
  const store = new SqliteEventStore(file);
  const timers = new SqliteTimerStore(file);
  try {
    const clock = new SettableClock(new Date(T0));
    const manager = new TimerManager(store, timers, new CommandHandler(store), { clock });
    let started = process.hrtime.bigint();
    await manager.catchUp();
    const derivedPerSec = Math.round(orders / (Number(process.hrtime.bigint() - started) / 1e9));
    if ((await timers.counts(T0)).pending !== orders) throw new Error('not every order has its auto-cancel');

    let peak = process.memoryUsage().rss;
    const sampling = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    clock.set(new Date('2027-01-01T00:00:00Z'));
    started = process.hrtime.bigint();
    await manager.runUntilIdle();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    clearInterval(sampling);
    const left = await timers.counts('2027-01-01T00:00:00Z');
    if (left.pending) throw new Error(`${left.pending} timers left pending`);
    const firedPerSec = Math.round(orders / seconds);
    (globalThis as { gc?: () => void }).gc?.();
    const heap = process.memoryUsage().heapUsed >> 20;
    console.log(
      `${orders} orders: derived ${derivedPerSec}/s, fired ${firedPerSec}/s, peak RSS ${peak >> 20} MiB, retained heap ${heap} MiB`,
    );
    return { orders, derivedPerSec, firedPerSec, peakRssMib: peak >> 20, retainedHeapMib: heap };
  } finally {
    await timers.close();
    await store.close();
  }
}

/** Seeding and firing each in a fresh process: the firing's memory is the engine's alone. */
function inChild<T>(...args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, args, { execArgv: [...process.execArgv, '--expose-gc'] });
    child.on('message', (value) => resolve(value as T));
    child.on('close', (code) => reject(new Error(`${args.join(' ')}: the benchmark process ended (${code})`)));
  });
}

async function run(orders: number): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'sce-bench-timers-'));
  const file = join(dir, 'events.db');
  try {
    await inChild('seed', file, String(orders));
    return await inChild<Run>('fire', file, String(orders));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const [step, file, orders] = process.argv.slice(2);
  if (step && file && orders) {
    const result = step === 'seed' ? await seedOrders(file, Number(orders)) : await fire(file, Number(orders));
    process.send!(result ?? null, () => process.disconnect());
    return;
  }
  const runs: Run[] = [];
  for (const size of SIZES) runs.push(await run(size));
  const largest = runs[runs.length - 1]!;
  const figures: Figure[] = [
    { name: 'timers.fired_per_sec', unit: 'timers/s', value: largest.firedPerSec },
    { name: 'timers.engine_rss_mib', unit: 'MiB', value: largest.peakRssMib },
    { name: 'timers.retained_heap_mib', unit: 'MiB', value: largest.retainedHeapMib },
    { name: 'timers.derived_per_sec', unit: 'timers/s', value: largest.derivedPerSec },
    ...runs.slice(0, -1).flatMap((r) => [
      { name: `timers.fired_per_sec.${r.orders}`, unit: 'timers/s', value: r.firedPerSec },
      { name: `timers.engine_rss_mib.${r.orders}`, unit: 'MiB', value: r.peakRssMib },
      { name: `timers.retained_heap_mib.${r.orders}`, unit: 'MiB', value: r.retainedHeapMib },
    ]),
  ];
  writeResults('timers.json', figures);
}

void main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
