import type { StreamFold } from './module';
import { EVENT_TYPES, foldFor } from './registry';
import { categoryOf, STREAM_CATEGORIES } from './streams';
import { drift, loadCorpus, rerecord, streamsOf, writeCorpus } from './testing/fold-corpus';

/**
 * Snapshots store folded states; one written by a fold is only valid for a fold that gives the same
 * states for the same events. This frozen corpus of events (`testing/fold-corpus.json`, every event
 * type of the registry) with the states each fold gave fails the suite when a fold's output changes
 * and its `version` was not bumped. After a bump: `UPDATE_FOLD_CORPUS=1 npx jest
 * libs/domain/src/fold-corpus.spec.ts` re-records that category's states (never its events). A new
 * event type: add events using it at the end of a stream in the JSON, then run the same command.
 */
const corpus = process.env.UPDATE_FOLD_CORPUS ? rerecord(loadCorpus()) : loadCorpus();
if (process.env.UPDATE_FOLD_CORPUS) writeCorpus(corpus);

describe('the frozen fold corpus', () => {
  it('has events of every event type of the registry', () => {
    const seen = new Set(corpus.streams.flatMap((s) => s.events.map((e) => e.type)));
    expect(EVENT_TYPES.filter((type) => !seen.has(type))).toEqual([]);
    expect(seen.size).toBe(EVENT_TYPES.length);
    expect(EVENT_TYPES).toEqual(expect.arrayContaining(['ReturnReceived', 'RefundRejected']));
  });

  it('has streams of every category, and a state after each event', () => {
    expect(new Set(corpus.streams.map((s) => categoryOf(s.stream)))).toEqual(new Set(STREAM_CATEGORIES));
    for (const stream of corpus.streams) expect(stream.states).toHaveLength(stream.events.length);
  });

  it.each(STREAM_CATEGORIES)('the %s fold gives the states recorded under its version', (category) => {
    const fold = foldFor(`${category}-x`);
    if (fold.version !== corpus.folds[category])
      throw new Error(
        `the ${category} fold is at version ${fold.version}, its corpus states at ${corpus.folds[category]}: ` +
          're-record them with UPDATE_FOLD_CORPUS=1',
      );
    const changed = drift(fold, streamsOf(corpus, category));
    if (changed)
      throw new Error(
        `the ${category} fold gives another state than version ${fold.version} did, at ${changed}. ` +
          'Bump its version (snapshots of the old one are then ignored) and re-record with UPDATE_FOLD_CORPUS=1',
      );
  });

  it.each(STREAM_CATEGORIES)('notices any change to what the %s fold returns', (category) => {
    const fold = foldFor(`${category}-x`);
    const changed: StreamFold = {
      ...fold,
      evolve: (state, event) => ({ ...(fold.evolve(state, event) as object), x: 1 }),
    };
    expect(drift(changed, streamsOf(corpus, category))).toMatch(/after event 0/);
  });

  it('refuses to re-record a changed state under the same version', () => {
    const tampered = loadCorpus();
    const product = tampered.streams.find((s) => s.stream.startsWith('product-'))!;
    product.states[1] = { ...(product.states[1] as object), stock: -1 };
    expect(() => rerecord(tampered)).toThrow(/the product fold changed at version \d+: bump it/);
  });
});
