import fc from 'fast-check';
import { decideOn } from './decide-on';
import type { Command, DomainEvent } from './messages';
import { foldFor, foldStream, streamOf } from './registry';
import { DomainError } from './shared/domain-error';
import { commandSequence, opening } from './testing/arbitraries';

/** The events a command sequence records (a rejected command records none), by stream. */
function historyOf(commands: Command[]): Map<string, DomainEvent[]> {
  const history: DomainEvent[] = [];
  for (const command of commands) {
    try {
      history.push(...decideOn(history, command));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
  const byStream = new Map<string, DomainEvent[]>();
  for (const event of history) byStream.set(streamOf(event), [...(byStream.get(streamOf(event)) ?? []), event]);
  return byStream;
}

/** A snapshot as a store keeps it: the state as JSON text, read back. */
const stored = (state: unknown): unknown => JSON.parse(JSON.stringify(state));

describe('folding from a snapshot', () => {
  it('gives the state of the whole stream: fold(snapshot(prefix)) + rest == fold(all)', () => {
    const histories = commandSequence().map((tail) => historyOf([...opening(), ...tail]));
    fc.assert(
      fc.property(
        histories,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1 }),
        (byStream, cuts) => {
          for (const [i, [stream, events]] of [...byStream].entries()) {
            const cut = Math.round(cuts[i % cuts.length]! * events.length);
            const fold = foldFor(stream);
            const snapshot = stored(foldStream(stream, events.slice(0, cut)));
            const resumed = events.slice(cut).reduce((state, event) => fold.evolve(state, event), snapshot);
            expect(resumed).toEqual(foldStream(stream, events));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps every state as it is through JSON (no dates, maps or sets a snapshot would lose)', () => {
    fc.assert(
      fc.property(
        commandSequence().map((tail) => historyOf([...opening(), ...tail])),
        (byStream) => {
          for (const [stream, events] of byStream) {
            const state = foldStream(stream, events);
            expect(stored(state)).toEqual(state);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
