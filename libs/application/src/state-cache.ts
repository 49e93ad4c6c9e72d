import { foldFor, type DomainEvent } from '@sce/domain';

export interface CachedState {
  revision: number;
  state: unknown;
  /** The revision of the stream's latest snapshot this process knows of (`NO_STREAM`: none). */
  snapshotAt: number;
}

/**
 * Folded stream states this process has seen. Two generations: when the young one fills up, the old
 * one is dropped, so roughly the `capacity` most recently used streams stay. A cached state may be
 * stale (another instance wrote since): every stream a decision reads is an append condition, so a
 * stale state costs one conflict and a reload, never a wrong write.
 */
export class StateCache {
  private young = new Map<string, CachedState>();
  private old = new Map<string, CachedState>();

  constructor(private readonly capacity = 20_000) {}

  get(stream: string): CachedState | undefined {
    const entry = this.young.get(stream);
    if (entry) return entry;
    const aged = this.old.get(stream);
    if (aged) this.set(stream, aged);
    return aged;
  }

  set(stream: string, entry: CachedState): void {
    if (this.young.size >= this.capacity / 2) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(stream, entry);
  }

  forget(streams: Iterable<string>): void {
    for (const stream of streams) {
      this.young.delete(stream);
      this.old.delete(stream);
    }
  }

  /** After our own append: carry states forward when we know what they were just before it. */
  advance(stream: string, before: CachedState | undefined, events: DomainEvent[], revision: number): void {
    if (!before || before.revision + events.length !== revision) return this.forget([stream]);
    const fold = foldFor(stream);
    const state = events.reduce((s, e) => fold.evolve(s, e), before.state);
    this.set(stream, { revision, state, snapshotAt: before.snapshotAt });
  }
}
