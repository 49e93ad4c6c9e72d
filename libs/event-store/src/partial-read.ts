import { NO_STREAM, type StoredEvent, type StreamRead } from './event-store.port';

export interface StoredSnapshot {
  revision: number;
  state: unknown;
}

/** What a store answers for one stream, to read it past a snapshot or a revision the caller holds. */
export interface PartReader {
  /** The latest snapshot of `stream` by `foldVersion`; none when there is none or it cannot be read. */
  snapshot(stream: string, foldVersion: number): Promise<StoredSnapshot | undefined>;
  /** The events of `stream` after `revision`, in order. */
  eventsAfter(stream: string, revision: number): Promise<StoredEvent[]>;
  /** The stream's revision (`NO_STREAM` when it has none). */
  head(stream: string): Promise<number>;
}

/**
 * One stream read as `readStreams` options ask: past the snapshot when it is later than `from`, else
 * past `from`, else whole. A base the stream has not reached (a snapshot or `from` beyond its last
 * event) is not used: the stream is then read from the next base down, at worst whole.
 */
export async function readPart(
  reader: PartReader,
  stream: string,
  from: number | undefined,
  foldVersion: number | undefined,
): Promise<StreamRead> {
  const snapshot = foldVersion === undefined ? undefined : await reader.snapshot(stream, foldVersion);
  if (snapshot && snapshot.revision > (from ?? NO_STREAM)) {
    const read = await readAfter(reader, stream, snapshot.revision);
    if (read) return { ...read, snapshot };
  }
  if (from !== undefined) {
    const read = await readAfter(reader, stream, from);
    if (read) return { ...read, from };
  }
  const events = await reader.eventsAfter(stream, NO_STREAM);
  return { revision: events.length ? events[events.length - 1]!.revision : NO_STREAM, events };
}

async function readAfter(reader: PartReader, stream: string, revision: number) {
  const events = await reader.eventsAfter(stream, revision);
  const head = events.length ? events[events.length - 1]!.revision : await reader.head(stream);
  return head >= revision ? { revision: head, events } : undefined;
}

/** Do these options ask for anything but whole streams? */
export const readsPart = (options?: { from?: ReadonlyMap<string, number>; snapshots?: ReadonlyMap<string, number> }) =>
  !!options && ((options.from?.size ?? 0) > 0 || (options.snapshots?.size ?? 0) > 0);

/** A snapshot's revision and fold version: whole numbers, the revision of an event (0 or more). */
export function checkSnapshot(stream: string, revision: number, foldVersion: number): void {
  if (!Number.isSafeInteger(revision) || revision < 0 || !Number.isSafeInteger(foldVersion))
    throw new RangeError(
      `snapshot of ${stream}: revision ${revision} and fold version ${foldVersion} must be integers`,
    );
}
