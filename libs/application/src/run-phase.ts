import { foldFor, streamOf, type DomainEvent, type Emitted } from '@sce/domain';
import type { StreamWrite } from '@sce/event-store';
import type { CachedState } from './state-cache';

export type Loaded = Map<string, CachedState>;

/** A command of a run decided on the phase's states, not yet appended. */
export interface Decided {
  /** Its place in the run. */
  index: number;
  loaded: Loaded;
  events: Emitted<DomainEvent>[];
  writes: StreamWrite[];
  /** Earlier decisions of the phase it conflicts with: it is appended only once they all were. */
  after: Decided[];
}

/**
 * The states a run's decisions left, not yet committed, and which decision builds on which. Two
 * decisions conflict when one writes a stream the other reads; writes to a stream neither reads
 * (a shop's visits) only keep their order, which one batch keeps.
 */
export class RunPhase {
  readonly decided: Decided[] = [];
  private readonly states = new Map<string, CachedState>();
  private readonly lastWriter = new Map<string, Decided>();
  private readonly readers = new Map<string, Decided[]>();
  /** Streams written without being read: their revision is unknown until the append. */
  private readonly blind = new Set<string>();
  private readonly ids = new Set<string>();

  /** The phase's state of `stream`, if one of its decisions wrote it. */
  state(stream: string): CachedState | undefined {
    return this.states.get(stream);
  }

  /**
   * Whether a command must wait for the next phase: it repeats a command id of this one (the
   * ledger answers it once the first is in), or it reads a stream this phase wrote blind.
   */
  ends(commandId: string, reads: readonly string[]): boolean {
    return this.decided.length > 0 && (this.ids.has(commandId) || reads.some((stream) => this.blind.has(stream)));
  }

  /** Takes a decision in: finds what it builds on, and moves the states it wrote forward. */
  add(commandId: string, decision: Omit<Decided, 'after'>): void {
    const { loaded, events, writes } = decision;
    const written = writes.filter((write) => write.events.length);
    const after = new Set<Decided>();
    for (const stream of loaded.keys()) {
      const writer = this.lastWriter.get(stream);
      if (writer) after.add(writer);
    }
    for (const { stream } of written) for (const reader of this.readers.get(stream) ?? []) after.add(reader);
    const item: Decided = { ...decision, after: [...after] };
    this.decided.push(item);
    this.ids.add(commandId);
    for (const stream of loaded.keys()) {
      const readers = this.readers.get(stream);
      if (readers) readers.push(item);
      else this.readers.set(stream, [item]);
    }
    for (const { stream } of written) {
      const before = loaded.get(stream);
      if (!before) {
        this.blind.add(stream);
        continue;
      }
      const fold = foldFor(stream);
      const mine = events.filter((event) => streamOf(event) === stream);
      const state = mine.reduce((folded, event) => fold.evolve(folded, event), before.state);
      this.states.set(stream, { revision: before.revision + mine.length, state, snapshotAt: before.snapshotAt });
      this.lastWriter.set(stream, item);
      this.readers.set(stream, []);
    }
  }
}
