import { ConcurrencyError, DuplicateCommandError } from './errors';
import type { AppendResult, CommandRecord, NewEvent, StreamWrite } from './event-store.port';
import { NO_STREAM } from './event-store.port';

/** One append of a batch: a command's writes (with its ledger entry) or plain writes. */
export interface PendingAppend {
  commandId?: string;
  fingerprint?: string;
  writes: StreamWrite[];
}

export interface PlannedEvent {
  stream: string;
  revision: number;
  /** Offset of the event in the batch's slice of the global log, from 0. */
  offset: number;
  event: NewEvent;
  id: string;
  commandIndex: number;
}

export type PlanResult =
  | { ok: true; streams: { stream: string; revision: number }[]; offsets: number[] }
  | { ok: false; error: Error }
  /** The same command id earlier in this batch: it gets that append's outcome once committed. */
  | { ok: false; duplicateOf: number };

export interface BatchPlan {
  /** Per append: the error to throw, or where its events go. */
  results: PlanResult[];
  events: PlannedEvent[];
  /** Final revision of every stream the batch writes. */
  revisions: Map<string, number>;
  /** Ledger rows to insert, by append index. */
  ledger: { index: number; commandId: string; fingerprint: string }[];
}

/**
 * Plans a batch of appends against the streams' current revisions and the ledger, in order:
 * an append whose expectations fail, or whose command id is known (in the store or earlier in the
 * batch), writes nothing; the others see each other's writes. Pure: adapters do the I/O.
 */
export function planBatch(
  appends: readonly PendingAppend[],
  current: ReadonlyMap<string, number>,
  known: ReadonlyMap<string, CommandRecord>,
  eventId: (commandId: string | undefined, stream: string, revision: number) => string,
): BatchPlan {
  const revisions = new Map(current);
  const inBatch = new Map<string, number>();
  const events: PlannedEvent[] = [];
  const ledger: BatchPlan['ledger'] = [];
  const results = appends.map((append, index): BatchPlan['results'][number] => {
    const { commandId, fingerprint } = append;
    if (commandId !== undefined) {
      const record = known.get(commandId);
      if (record) return { ok: false, error: new DuplicateCommandError(record) };
      const first = inBatch.get(commandId);
      if (first !== undefined) return { ok: false, duplicateOf: first };
    }
    for (const write of append.writes) {
      const actual = revisions.get(write.stream) ?? NO_STREAM;
      if (write.expected !== 'any' && write.expected !== actual) {
        return { ok: false, error: new ConcurrencyError(write.stream, write.expected, actual) };
      }
    }
    const streams: { stream: string; revision: number }[] = [];
    const offsets: number[] = [];
    for (const write of append.writes) {
      let revision = revisions.get(write.stream) ?? NO_STREAM;
      for (const event of write.events) {
        revision += 1;
        const offset = events.length;
        events.push({
          stream: write.stream,
          revision,
          offset,
          event,
          id: eventId(commandId, write.stream, revision),
          commandIndex: index,
        });
        offsets.push(offset);
      }
      if (write.events.length) revisions.set(write.stream, revision);
      streams.push({ stream: write.stream, revision });
    }
    if (commandId !== undefined) {
      inBatch.set(commandId, index);
      ledger.push({ index, commandId, fingerprint: fingerprint ?? '' });
    }
    return { ok: true, streams, offsets };
  });
  const written = new Map([...revisions].filter(([stream, revision]) => current.get(stream) !== revision));
  return { results, events, revisions: written, ledger };
}

/** The result of an append once the batch's first position is known. */
export function resultAt(plan: PlanResult & { ok: true }, firstPosition: number): AppendResult {
  return { streams: plan.streams, positions: plan.offsets.map((offset) => firstPosition + offset) };
}
