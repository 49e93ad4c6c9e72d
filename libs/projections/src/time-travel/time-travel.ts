import type { EventStore } from '@sce/event-store';
import type { DocStore } from '../doc-store';
import { MemoryDocStore } from './memory-doc-store';
import { replayInto, type KnownAt } from './replay-into';

export type { KnownAt } from './replay-into';

/** The read models as they stood at a point of the log, and that point. */
export interface Replayed {
  docs: DocStore;
  /** The last position the replay applied (0: none). */
  position: number;
  /** The recording time of that event (undefined for none). */
  recordedAt?: string;
}

interface Entry extends Replayed {
  docs: MemoryDocStore;
  /** The instants asked for that this entry answers. */
  times: Set<string>;
}

/**
 * Answers "as the engine knew it then": the read models replayed from the log into an isolated
 * store in memory (never the live ones), up to a position, or up to the last event recorded at or
 * before a time. The last replays are kept: a second question about the same point costs a lookup,
 * and a later point continues the nearest earlier replay instead of starting again.
 */
export class TimeTravel {
  private entries: Entry[] = [];
  private running = Promise.resolve();

  constructor(
    private readonly events: EventStore,
    private readonly options: { keep?: number; batchSize?: number } = {},
  ) {}

  /**
   * Runs `query` on the read models replayed to `at`. Replays and the queries on them take turns,
   * one at a time: a replay continues a kept store in place, so no query may be reading it then.
   */
  read<T>(at: KnownAt, query: (replayed: Replayed) => Promise<T>): Promise<T> {
    const result = this.running.then(async () => query(await this.replayTo(at)));
    this.running = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private async replayTo(at: KnownAt): Promise<Replayed> {
    const hit = this.entries.find((e) => ('position' in at ? e.position === at.position : e.times.has(at.time)));
    if (hit) return this.touch(hit);
    // Continue the latest replay that stopped before the point (it holds a prefix of what is asked).
    const base = this.entries
      .filter((e) => ('position' in at ? e.position < at.position : (e.recordedAt ?? '') <= at.time))
      .sort((a, b) => b.position - a.position)[0];
    const entry: Entry = base ?? { docs: new MemoryDocStore(), position: 0, times: new Set() };
    this.entries = this.entries.filter((e) => e !== entry);
    entry.times = new Set();
    const reached = await replayInto(this.events, entry.docs, at, {
      from: { position: entry.position, recordedAt: entry.recordedAt },
      batchSize: this.options.batchSize,
    });
    entry.position = reached.position;
    entry.recordedAt = reached.recordedAt;
    if ('time' in at) entry.times.add(at.time);
    return this.touch(entry);
  }

  private touch(entry: Entry): Replayed {
    this.entries = [entry, ...this.entries.filter((e) => e !== entry)].slice(0, this.options.keep ?? 2);
    return { docs: entry.docs, position: entry.position, recordedAt: entry.recordedAt };
  }
}
