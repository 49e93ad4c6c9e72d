import { commandSequence } from '@sce/domain/testkit';
import type { StoredEvent } from '@sce/event-store';
import fc from 'fast-check';
import { keyOf } from './doc-key';
import { projectBatch, replay } from './project-batch';
import { PROJECTIONS } from './registry';
import { historyOf, openingIn, ZONES } from './testing/history';

/** `events` cut into consecutive batches of the given sizes (the last size repeats). */
function batches(events: StoredEvent[], sizes: number[]): StoredEvent[][] {
  const cut: StoredEvent[][] = [];
  for (let at = 0, i = 0; at < events.length; i++) {
    const size = sizes[Math.min(i, sizes.length - 1)]!;
    cut.push(events.slice(at, at + size));
    at += size;
  }
  return cut;
}

/** Batch after batch, each on the documents the ones before committed (as JSON, as a store keeps them). */
async function projectInBatches(events: StoredEvent[], sizes: number[]) {
  const committed = new Map<string, string>();
  for (const batch of batches(events, sizes)) {
    const load = async (keys: Parameters<typeof keyOf>[0][]) =>
      new Map(keys.flatMap((k) => (committed.has(keyOf(k)) ? [[keyOf(k), JSON.parse(committed.get(keyOf(k))!)]] : [])));
    for (const [key, doc] of await projectBatch(batch, load)) committed.set(key, JSON.stringify(doc));
  }
  return new Map([...committed].map(([key, doc]) => [key, JSON.parse(doc) as unknown]));
}

describe('projecting a history', () => {
  it('gives the documents of one full replay, whatever the batch sizes', async () => {
    await fc.assert(
      fc.asyncProperty(
        commandSequence(80),
        fc.constantFrom(...ZONES),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 30 }),
        async (tail, timeZone, sizes) => {
          const events = historyOf([...openingIn(timeZone), ...tail]);
          const whole = await replay(events);
          const inBatches = await projectInBatches(events, sizes);
          expect(Object.fromEntries(inBatches)).toEqual(Object.fromEntries(whole));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('has one name and a version for each projection', () => {
    const names = PROJECTIONS.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const p of PROJECTIONS) expect(Number.isInteger(p.version) && p.version > 0).toBe(true);
  });
});
