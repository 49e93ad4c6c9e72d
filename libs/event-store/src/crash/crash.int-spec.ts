import { describeWith, freshSchema, TEST_PG_URL } from '@sce/test-stack';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { AppendResult, EventStore, StoredEvent } from '../event-store.port';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';

const ROOT = join(__dirname, '../../../..');

/** Starts the writer, lets it acknowledge at least `acks` commands, then kills it with SIGKILL. */
async function appendThenKill(args: string[], acks: number): Promise<Map<string, AppendResult>> {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(__dirname, 'append-under-load.child.ts'), ...args],
    {
      cwd: ROOT,
      env: { ...process.env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json') },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const acknowledged = new Map<string, AppendResult>();
  const exited = new Promise((resolve) => child.on('exit', resolve));
  for await (const line of createInterface({ input: child.stdout! })) {
    const [word, commandId, json] = line.split(' ');
    if (word === 'ack') acknowledged.set(commandId!, JSON.parse(json!));
    if (acknowledged.size >= acks && !child.killed) child.kill('SIGKILL');
  }
  await exited;
  return acknowledged;
}

async function readLog(store: EventStore): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  for await (const batch of store.readAll({ batchSize: 5000 })) all.push(...batch);
  return all;
}

/** Every acknowledged command is in the ledger with its events; positions and revisions have no holes. */
async function expectConsistent(store: EventStore, acknowledged: Map<string, AppendResult>) {
  const log = await readLog(store);
  expect(log.map((e) => e.position)).toEqual(log.map((_, i) => i + 1));
  expect(await store.headPosition()).toBe(log.length);
  const byPosition = new Map(log.map((e) => [e.position, e]));
  for (const [commandId, result] of acknowledged) {
    const record = await store.findCommand(commandId);
    expect(record?.outcome).toEqual({ status: 'accepted', ...result });
    for (const position of result.positions)
      expect(byPosition.get(position)?.data).toEqual({ n: Number(commandId.slice(4)) });
  }
  const revisions = new Map<string, number[]>();
  for (const e of log) revisions.set(e.stream, [...(revisions.get(e.stream) ?? []), e.revision]);
  for (const [, list] of revisions) expect(list).toEqual(list.map((_, i) => i));
  expect(log.length).toBeGreaterThanOrEqual(acknowledged.size * 2);
}

describe('a writer killed with SIGKILL (SQLite)', () => {
  it('loses no acknowledged append and leaves a consistent log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sce-crash-'));
    const file = join(dir, 'events.db');
    try {
      const acknowledged = await appendThenKill(['sqlite', file], 3000);
      expect(acknowledged.size).toBeGreaterThanOrEqual(3000);
      const store = new SqliteEventStore(file);
      await expectConsistent(store, acknowledged);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeWith('postgres', 'a writer killed with SIGKILL (PostgreSQL)', () => {
  it('loses no acknowledged append and leaves a consistent log', async () => {
    const { schema, drop } = await freshSchema();
    try {
      const acknowledged = await appendThenKill(['postgres', TEST_PG_URL, schema], 3000);
      const store = await PostgresEventStore.connect({ connectionString: TEST_PG_URL, schema });
      await expectConsistent(store, acknowledged);
      await store.close();
    } finally {
      await drop();
    }
  });
});
