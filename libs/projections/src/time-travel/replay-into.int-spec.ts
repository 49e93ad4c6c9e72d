import { commandSequence } from '@sce/domain/testkit';
import type { EventStore, ReadAllOptions, StoredEvent } from '@sce/event-store';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { versionsOf } from '../build-plan';
import { parseKey } from '../doc-key';
import { replay } from '../project-batch';
import { PROJECTIONS } from '../registry';
import { READ_MODELS } from '../runner';
import { SqliteDocStore } from '../sqlite-doc-store';
import { historyOf, openingIn } from '../testing/history';
import { replayFresh } from './replay-into';

function logOf(events: StoredEvent[]): EventStore {
  return {
    async *readAll({ after = 0, batchSize = 5000 }: ReadAllOptions = {}) {
      for (let at = events.findIndex((e) => e.position > after); at >= 0 && at < events.length; at += batchSize)
        yield events.slice(at, at + batchSize);
    },
  } as unknown as EventStore;
}

describe('replay into a fresh SQLite read-model file', () => {
  it('holds, batch by batch, the documents of a full replay up to the point, its checkpoint and the versions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sce-replay-into-'));
    let run = 0;
    try {
      await fc.assert(
        fc.asyncProperty(commandSequence(40), fc.nat(), fc.integer({ min: 1, max: 7 }), async (tail, point, size) => {
          const events = historyOf([...openingIn('Asia/Kolkata'), ...tail]);
          const position = point % (events.length + 1);
          const docs = new SqliteDocStore(join(dir, `read-models-${run++}.db`));
          try {
            const reached = await replayFresh(logOf(events), docs, { position }, { batchSize: size });
            const expected = await replay(events.slice(0, position));
            const found = await docs.load([...expected.keys()].map(parseKey));
            expect([reached.position, await docs.checkpoint(READ_MODELS)]).toEqual([position, position]);
            expect(found).toEqual(expected);
            expect(await docs.versions()).toEqual(versionsOf(PROJECTIONS));
            await expect(replayFresh(logOf(events), docs, { position })).rejects.toThrow(/fresh read-model store/);
          } finally {
            await docs.close();
          }
        }),
        { numRuns: 15 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
