import { readFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import type { DomainEvent } from '../messages';
import type { StreamFold } from '../module';
import { foldFor } from '../registry';
import { categoryOf, STREAM_CATEGORIES, type StreamCategory } from '../streams';

/** One stream of the frozen corpus: its events, and the state its fold gave after each of them. */
export interface CorpusStream {
  stream: string;
  events: { type: string; data: unknown }[];
  states: unknown[];
}

/**
 * The frozen corpus (`fold-corpus.json`): for each stream category, the fold version its states
 * were recorded with. The events are never regenerated; only states are re-recorded, and only for
 * a category whose fold version was bumped (or for events added at the end of a stream).
 */
export interface FoldCorpus {
  folds: Record<StreamCategory, number>;
  streams: CorpusStream[];
}

export const CORPUS_FILE = join(__dirname, 'fold-corpus.json');

export const loadCorpus = (): FoldCorpus => JSON.parse(readFileSync(CORPUS_FILE, 'utf8')) as FoldCorpus;

/** The states `fold` gives after each event of `stream`, as a snapshot stores them (JSON text). */
export function foldEach(fold: StreamFold, stream: CorpusStream): unknown[] {
  let state = fold.initialState();
  return stream.events.map((event) => {
    state = fold.evolve(state, event as DomainEvent);
    return JSON.parse(JSON.stringify(state)) as unknown;
  });
}

/** Where `fold` first gives another state than the one recorded, or null if it gives them all. */
export function drift(fold: StreamFold, streams: readonly CorpusStream[]): string | null {
  for (const stream of streams) {
    const states = foldEach(fold, stream);
    for (const [i, recorded] of stream.states.entries())
      if (!isDeepStrictEqual(states[i], recorded))
        return `${stream.stream}, after event ${i} (${stream.events[i]!.type}): ${JSON.stringify(states[i])}, recorded ${JSON.stringify(recorded)}`;
  }
  return null;
}

export const streamsOf = (corpus: FoldCorpus, category: StreamCategory) =>
  corpus.streams.filter((s) => categoryOf(s.stream) === category);

/**
 * `UPDATE_FOLD_CORPUS=1`: re-records the states of every category whose fold version is above the
 * recorded one, and the states of events added to the end of a stream. Refuses a version lower than
 * recorded, or a changed state under the same version (that needs a bump).
 */
export function rerecord(corpus: FoldCorpus): FoldCorpus {
  const folds = { ...corpus.folds };
  const streams = corpus.streams.map((stream) => {
    const category = categoryOf(stream.stream);
    const { version } = foldFor(stream.stream);
    const recorded = corpus.folds[category] ?? 0;
    if (version < recorded) throw new Error(`the ${category} fold went back from version ${recorded} to ${version}`);
    folds[category] = version;
    if (version === recorded) {
      const changed = drift(foldFor(stream.stream), [stream]);
      if (changed) throw new Error(`the ${category} fold changed at version ${version}: bump it. ${changed}`);
    }
    return { ...stream, states: foldEach(foldFor(stream.stream), stream) };
  });
  for (const category of STREAM_CATEGORIES) folds[category] ??= foldFor(`${category}-x`).version;
  return { folds, streams };
}

/** One event and one state per line: a change to a fold shows as a readable diff. */
export function writeCorpus(corpus: FoldCorpus): void {
  const line = (value: unknown) => JSON.stringify(value);
  const streams = corpus.streams.map(
    (s) =>
      `    {\n      "stream": ${line(s.stream)},\n` +
      `      "events": [\n${s.events.map((e) => `        ${line(e)}`).join(',\n')}\n      ],\n` +
      `      "states": [\n${s.states.map((st) => `        ${line(st)}`).join(',\n')}\n      ]\n    }`,
  );
  writeFileSync(CORPUS_FILE, `{\n  "folds": ${line(corpus.folds)},\n  "streams": [\n${streams.join(',\n')}\n  ]\n}\n`);
}
