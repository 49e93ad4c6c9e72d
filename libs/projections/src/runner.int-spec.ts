import { CommandHandler } from '@sce/application';
import type { Command, Principal } from '@sce/domain';
import { commandSequence, opening } from '@sce/domain/testkit';
import { SqliteEventStore, type EventStore, type StoredEvent } from '@sce/event-store';
import { describeWith, eventually, freshSchema, TEST_PG_URL } from '@sce/test-stack';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocStore } from './doc-store';
import { parseKey, type Model } from './docs';
import { PostgresDocStore } from './postgres-doc-store';
import { replay, ProjectionRunner } from './runner';
import { SqliteDocStore } from './sqlite-doc-store';

const MODELS: Model[] = ['shop', 'day', 'month', 'seen', 'order', 'refund', 'product', 'campaign'];
const asActor = (c: Command): Principal =>
  c.metadata.actor.role === 'SELLER' ? { role: 'SELLER', shopId: c.shopId } : { role: c.metadata.actor.role };

/** JSON with keys sorted at every depth: PostgreSQL's jsonb does not keep key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  return `{${Object.keys(value)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
    .join(',')}}`;
}

async function contents(docs: DocStore) {
  return Object.fromEntries(
    await Promise.all(MODELS.map(async (m) => [m, (await docs.list(m)).map(canonical).sort()])),
  );
}

function expected(events: StoredEvent[]) {
  const byModel = Object.fromEntries(MODELS.map((m) => [m, [] as string[]]));
  for (const [key, doc] of replay(events)) byModel[parseKey(key).model]!.push(canonical(doc));
  for (const m of MODELS) byModel[m]!.sort();
  return byModel;
}

async function allEvents(store: EventStore) {
  const events: StoredEvent[] = [];
  for await (const batch of store.readAll()) events.push(...batch);
  return events;
}

function suite(openDocs: () => Promise<{ docs: DocStore; cleanup(): Promise<void> }>) {
  it('equals a full replay of the log, whatever the batch boundaries, and after a rebuild', async () => {
    await fc.assert(
      fc.asyncProperty(commandSequence(40), fc.integer({ min: 1, max: 9 }), async (tail, batchSize) => {
        const dir = mkdtempSync(join(tmpdir(), 'sce-proj-'));
        const store = new SqliteEventStore(join(dir, 'events.db'));
        const { docs, cleanup } = await openDocs();
        const runner = new ProjectionRunner(store, docs, { batchSize });
        try {
          await runner.start();
          const handler = new CommandHandler(store);
          for (const [i, command] of [...opening(), ...tail].entries())
            await handler.handle(`c-${i}`, command, asActor(command));
          const head = await store.headPosition();
          await eventually(() => runner.position >= head, 10_000, 'projection to catch up');
          const events = await allEvents(store);
          expect(await contents(docs)).toEqual(expected(events));
          await runner.rebuild();
          expect(await contents(docs)).toEqual(expected(events));
        } finally {
          await runner.stop();
          await store.close();
          await docs.close();
          await cleanup();
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 12 },
    );
  });
}

describe('read models on SQLite', () => {
  suite(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sce-docs-'));
    return {
      docs: new SqliteDocStore(join(dir, 'read-models.db')),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  });
});

describeWith('postgres', 'read models on PostgreSQL', () => {
  suite(async () => {
    const { schema, drop } = await freshSchema('sce_docs');
    return { docs: await PostgresDocStore.connect(TEST_PG_URL, schema), cleanup: drop };
  });
});
