import type { EventStore, StoredEvent } from '@sce/event-store';
import { staleIn, versionsOf } from '../build-plan';
import type { DocStore } from '../doc-store';
import { projectBatch } from '../project-batch';
import { PROJECTIONS } from '../registry';
import { READ_MODELS } from '../runner';

/** A point of the log: a global position, or the last event recorded at or before an instant. */
export type KnownAt = { position: number } | { time: string };

/** Where a replay stopped: the last position it applied (0: none) and that event's recording time. */
export interface ReplayedTo {
  position: number;
  recordedAt?: string;
}

/**
 * Whether `event` is known at `at`. An instant compares with the recording time (not business
 * time), both canonical UTC strings, so that `knownAt` and `replay --until` mean the same.
 */
export const knownAtPoint = (at: KnownAt) => (event: StoredEvent) =>
  'position' in at ? event.position <= at.position : event.recordedAt <= at.time;

/**
 * Projects the log after `from.position` up to `at` into `docs`, batch by batch as the runner does
 * (one `projectBatch` and one commit of the documents with the read-models checkpoint per batch),
 * so memory follows the batch size, not the history. `onBatch` hears each position reached.
 */
export async function replayInto(
  events: EventStore,
  docs: DocStore,
  at: KnownAt,
  options: { from?: ReplayedTo; batchSize?: number; onBatch?: (position: number) => void } = {},
): Promise<ReplayedTo> {
  const reached: ReplayedTo = { ...(options.from ?? { position: 0 }) };
  const known = knownAtPoint(at);
  for await (const batch of events.readAll({ after: reached.position, batchSize: options.batchSize ?? 5000 })) {
    const until = batch.filter(known);
    if (until.length) {
      const changes = await projectBatch(until, (keys) => docs.load(keys));
      const last = until[until.length - 1]!;
      await docs.commit(changes, READ_MODELS, reached.position, last.position);
      reached.position = last.position;
      reached.recordedAt = last.recordedAt;
      options.onBatch?.(last.position);
    }
    if (until.length < batch.length) break;
  }
  return reached;
}

/**
 * A fresh store replayed to `at`, laid out as the engine's own: the read-models checkpoint at the
 * position reached and the code's projection versions recorded, so an engine opening it neither
 * projects again nor rebuilds.
 */
export async function replayFresh(
  events: EventStore,
  docs: DocStore,
  at: KnownAt,
  options: { batchSize?: number; onBatch?: (position: number) => void } = {},
): Promise<ReplayedTo> {
  if ((await docs.checkpoint(READ_MODELS)) !== 0 || Object.keys(await docs.versions()).length)
    throw new Error('a replay goes into a fresh read-model store');
  await docs.recordVersions(versionsOf(PROJECTIONS));
  return replayInto(events, docs, at, options);
}

/** The projections whose documents in `docs` were not built by this code's version: empty when it may serve them as they are. */
export const staleProjections = async (docs: DocStore): Promise<string[]> =>
  staleIn(PROJECTIONS, await docs.versions());
