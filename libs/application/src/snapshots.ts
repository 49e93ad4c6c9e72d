import { foldFor } from '@sce/domain';
import type { EventStore } from '@sce/event-store';
import type { CachedState } from './state-cache';

export interface SnapshotOptions {
  /** A stream gets a snapshot once it has grown this many events past its last one; 0 turns them off. */
  every?: number;
  /** Snapshot writes under way at most; past that, a snapshot that is due waits for a later command. */
  maxPending?: number;
  /** A snapshot could not be written: the command it followed is not affected. */
  onError?: (stream: string, error: unknown) => void;
}

const warn = (stream: string, error: unknown) =>
  console.warn(`snapshot of ${stream} not written: ${(error as Error).message ?? String(error)}`);

/**
 * Writes snapshots of the states the command path folded, off its critical path: on a later turn
 * of the event loop than the command's append, one write per stream at a time. A snapshot is a cache
 * (ADR 16): a failed write is reported and costs the next cold load more events, nothing else.
 */
export class SnapshotWriter {
  private readonly pending = new Map<string, Promise<void>>();

  constructor(
    private readonly store: EventStore,
    private readonly options: SnapshotOptions = {},
  ) {}

  /** Writes a snapshot of `entry` (the state of `stream` now) if it has grown `every` events past the last. */
  consider(stream: string, entry: CachedState | undefined): void {
    const every = this.options.every ?? 1000;
    if (!entry || every <= 0 || entry.revision - entry.snapshotAt < every) return;
    if (this.pending.has(stream) || this.pending.size >= (this.options.maxPending ?? 64)) return;
    const { revision, state } = entry;
    const { version } = foldFor(stream);
    entry.snapshotAt = revision; // every holder of this entry sees it: one write, not one per command
    const write = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.store.writeSnapshot(stream, revision, version, state))
      .catch((error: unknown) => (this.options.onError ?? warn)(stream, error))
      .finally(() => this.pending.delete(stream));
    this.pending.set(stream, write);
  }

  /** Snapshot writes under way. */
  get size(): number {
    return this.pending.size;
  }

  /** Waits for the snapshot writes under way, at most `timeoutMs`: true when every one has finished. */
  async settle(timeoutMs = 5_000): Promise<boolean> {
    if (!this.pending.size) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, timeoutMs, false)));
    const all = Promise.allSettled([...this.pending.values()]).then(() => true);
    try {
      return await Promise.race([all, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
