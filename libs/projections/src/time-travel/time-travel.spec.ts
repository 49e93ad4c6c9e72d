import { commandSequence } from '@sce/domain/testkit';
import type { EventStore, ReadAllOptions, StoredEvent } from '@sce/event-store';
import fc from 'fast-check';
import { replay } from '../project-batch';
import { historyOf, openingIn } from '../testing/history';
import { MemoryDocStore } from './memory-doc-store';
import { TimeTravel } from './time-travel';

/** The part of a store time travel reads: the log in batches. */
function logOf(events: StoredEvent[]): EventStore {
  return {
    async *readAll({ after = 0, batchSize = 5000 }: ReadAllOptions = {}) {
      for (let at = events.findIndex((e) => e.position > after); at >= 0 && at < events.length; at += batchSize)
        yield events.slice(at, at + batchSize);
    },
  } as unknown as EventStore;
}

/** A history whose events were recorded a minute apart, in order. */
const recordedApart = (events: StoredEvent[]) =>
  events.map((e, i) => ({ ...e, recordedAt: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString() }));

const docsOf = (replayed: { docs: unknown }) => (replayed.docs as MemoryDocStore).documents();

describe('time travel', () => {
  it('answers at any positions, in any order, with the documents of a full replay of the log up to each', async () => {
    await fc.assert(
      fc.asyncProperty(
        commandSequence(60),
        fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 7 }),
        async (tail, points, batchSize) => {
          const events = historyOf([...openingIn('America/Los_Angeles'), ...tail]);
          const travel = new TimeTravel(logOf(events), { batchSize, keep: 2 });
          for (const point of points) {
            const position = point % (events.length + 1);
            const answer = await travel.read({ position }, async (r) => ({ position: r.position, docs: docsOf(r) }));
            expect(answer.position).toBe(position);
            expect(answer.docs).toEqual(await replay(events.slice(0, position)));
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('takes an instant as the last event recorded at or before it', async () => {
    const events = recordedApart(historyOf(openingIn('UTC')));
    const travel = new TimeTravel(logOf(events), { batchSize: 3 });
    const third = events[2]!;
    const justBefore = new Date(Date.parse(events[3]!.recordedAt) - 1).toISOString();
    for (const time of [third.recordedAt, justBefore]) {
      const answer = await travel.read({ time }, async (r) => ({ ...r, docs: docsOf(r) }));
      expect([answer.position, answer.recordedAt]).toEqual([third.position, third.recordedAt]);
      expect(answer.docs).toEqual(await replay(events.slice(0, 3)));
    }
    expect(await travel.read({ time: '2020-01-01T00:00:00.000Z' }, async (r) => r.position)).toBe(0);
  });

  it('lets a query finish on its point before another replay moves the kept store on', async () => {
    const events = historyOf(openingIn('UTC'));
    const travel = new TimeTravel(logOf(events), { keep: 1 });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const early = travel.read({ position: 2 }, async (r) => {
      await held;
      return docsOf(r);
    });
    const later = travel.read({ position: events.length }, async (r) => r.position);
    release();
    expect(await early).toEqual(await replay(events.slice(0, 2)));
    expect(await later).toBe(events.length);
  });
});
