import { CommandHandler } from '@sce/application';
import type { Command, Principal } from '@sce/domain';
import { cmd, commandSequence } from '@sce/domain/testkit';
import { SqliteEventStore, type EventStore, type StoredEvent } from '@sce/event-store';
import { describeWith, eventually, freshSchema, TEST_PG_URL } from '@sce/test-stack';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocStore } from './doc-store';
import { MODELS, parseKey } from './doc-key';
import { PostgresDocStore } from './postgres-doc-store';
import { replay } from './project-batch';
import { ProjectionRunner } from './runner';
import { SqliteDocStore } from './sqlite-doc-store';
import { openingIn, ZONES } from './testing/history';

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

async function expected(events: StoredEvent[]) {
  const byModel = Object.fromEntries(MODELS.map((m) => [m, [] as string[]]));
  for (const [key, doc] of await replay(events)) byModel[parseKey(key).model]!.push(canonical(doc));
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
      fc.asyncProperty(
        commandSequence(40),
        fc.integer({ min: 1, max: 9 }),
        fc.constantFrom(...ZONES),
        async (tail, batchSize, timeZone) => {
          const dir = mkdtempSync(join(tmpdir(), 'sce-proj-'));
          const store = new SqliteEventStore(join(dir, 'events.db'));
          const { docs, cleanup } = await openDocs();
          const runner = new ProjectionRunner(store, docs, { batchSize });
          try {
            await runner.start();
            const handler = new CommandHandler(store);
            for (const [i, command] of [...openingIn(timeZone), ...tail].entries())
              await handler.handle(`c-${i}`, command, asActor(command));
            const head = await store.headPosition();
            await eventually(() => runner.position >= head, 10_000, 'projection to catch up');
            const events = await allEvents(store);
            expect(await contents(docs)).toEqual(await expected(events));
            await runner.rebuild();
            expect(await contents(docs)).toEqual(await expected(events));
          } finally {
            await runner.stop();
            await store.close();
            await docs.close();
            await cleanup();
            rmSync(dir, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 12 },
    );
  });

  it('rebuilds once when asked again during a rebuild, beside the live read models: each call resolves once switched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sce-proj-'));
    const store = new SqliteEventStore(join(dir, 'events.db'));
    const { docs, cleanup } = await openDocs();
    const errors: unknown[] = [];
    const runner = new ProjectionRunner(store, docs, { batchSize: 2, onError: (error) => errors.push(error) });
    try {
      const handler = new CommandHandler(store);
      const visits = Array.from({ length: 60 }, (_, i) => cmd('RecordVisit', { visitorId: `v-${i}` }));
      for (const [i, command] of [...openingIn('UTC'), ...visits].entries())
        await handler.handle(`c-${i}`, command, asActor(command));
      await runner.start();
      const head = await store.headPosition();
      await eventually(() => runner.position >= head, 10_000, 'projection to catch up');
      const before = await contents(docs);
      const first = runner.rebuild();
      // Turn by turn (a timer could miss it on SQLite): the build projects one batch per turn.
      const building = () => runner.building && runner.building.position > 0 && runner.building.position < head;
      const deadline = Date.now() + 10_000;
      while (!building() && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
      expect(runner.building?.position).toBeLessThan(head);
      expect(await contents(docs)).toEqual(before); // reads answer from the live generation meanwhile
      const second = runner.rebuild();
      await first;
      expect(runner.building).toBeUndefined(); // the first answers once switched, not when the second began
      await second;
      expect(await contents(docs)).toEqual(await expected(await allEvents(store)));
      expect(errors).toEqual([]);
    } finally {
      await runner.stop();
      await store.close();
      await docs.close();
      await cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
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
