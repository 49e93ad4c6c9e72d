import {
  authorize,
  decide,
  DomainError,
  stateView,
  streamsRead,
  streamStarted,
  type Command,
  type DomainEvent,
  type Principal,
} from '@sce/domain';
import { DuplicateCommandError, type AppendResult, type EventStore, type StreamWrite } from '@sce/event-store';
import { appendTraced, fingerprintOf, firstOutcome, toWrites, type HandledOutcome } from './command-writes';
import { RunPhase, type Decided, type Loaded } from './run-phase';
import { contended, type StreamLocks } from './stream-locks';

/** One command of a run, with the principal sending it. */
export interface RunItem {
  commandId: string;
  command: Command;
  principal: Principal;
  /** Runs `work` in this item's own context (its trace), so that its append is a span of it. */
  within?: <T>(work: () => T) => T;
}

/** An item's outcome; undefined when a failure before it stopped the run. */
export type RunOutcome = { ok: true; value: HandledOutcome } | { ok: false; error: unknown } | undefined;

/** What a run needs of the command path it belongs to: the handler's own loading, caching and locks. */
export interface CommandPath {
  readonly store: EventStore;
  readonly locks: StreamLocks;
  /** The states of `reads` from the cache, else the store (`starts` taken as empty unread). */
  load(reads: string[], starts?: string): Promise<Loaded>;
  /** One command the ordinary way: decided on committed state, retried on conflicts. */
  decideAndAppend(commandId: string, command: Command, reads: string[]): Promise<HandledOutcome>;
  remember(writes: StreamWrite[], events: DomainEvent[], loaded: Loaded, revisions: AppendResult['streams']): void;
  snapshotDue(loaded: Loaded): void;
  forget(streams: Iterable<string>): void;
}

/** A decision whose append was not tried, because one it builds on failed. */
class NotAppended extends Error {}

/**
 * A run of commands (one Kafka key's messages) taking effect in their order, as if handled one
 * by one, but decided in memory and appended together, so that the whole run costs one group
 * commit instead of one per command. Each decision reads the states the run's earlier decisions
 * left, and every stream read is an append condition at the revision read. A decision is appended
 * only after those it conflicts with were (it read what they wrote, or writes what they read): a
 * foreign writer adding as many events as an earlier decision would otherwise satisfy a later
 * one's condition on a state that never was. A rejection is decided on committed state: the run
 * appends what it has, then handles the rejected command the ordinary way. Whatever did not go
 * through (a conflict, a store failure) is handled the ordinary way, in order, under the run's
 * locks; a failure there other than a DomainError stops the run.
 */
export class CommandRun {
  private readonly results: RunOutcome[];
  private readonly reads: string[][];

  constructor(
    private readonly items: readonly RunItem[],
    private readonly path: CommandPath,
  ) {
    this.results = items.map(() => undefined);
    this.reads = items.map((item) => streamsRead(item.command));
  }

  async outcomes(): Promise<RunOutcome[]> {
    const queue = this.items.flatMap((item, i) => {
      try {
        authorize(item.principal, item.command);
        return [i];
      } catch (error) {
        this.results[i] = { ok: false, error };
        return [];
      }
    });
    await this.path.locks.run(
      queue.flatMap((i) => contended(this.reads[i]!)),
      () => this.work(queue),
    );
    return this.results;
  }

  private async work(queue: number[]): Promise<void> {
    for (let at = 0; at < queue.length;) {
      const { decided, next, rejected } = await this.speculate(queue, at);
      if (!(await this.append(decided))) return;
      if (rejected && !(await this.oneByOne(queue[next]!))) return;
      at = rejected ? next + 1 : next;
    }
  }

  /**
   * Decides the items of `queue` from `at` on, each on the states the phase's earlier decisions
   * left, up to the first that is rejected (or fails), or that must wait for the next phase.
   */
  private async speculate(queue: number[], at: number) {
    const phase = new RunPhase();
    for (let next = at; next < queue.length; next++) {
      const index = queue[next]!;
      const { commandId, command } = this.items[index]!;
      const reads = this.reads[index]!;
      if (phase.ends(commandId, reads)) return { decided: phase.decided, next, rejected: false };
      try {
        const missing = reads.filter((stream) => !phase.state(stream));
        const stored = missing.length ? await this.path.load(missing, streamStarted(command)) : new Map();
        const loaded: Loaded = new Map(reads.map((stream) => [stream, phase.state(stream) ?? stored.get(stream)!]));
        const events = decide(
          command,
          stateView(command.shopId ?? '', (stream) => loaded.get(stream)!.state),
        );
        phase.add(commandId, { index, loaded, events, writes: toWrites(command, commandId, events, loaded) });
      } catch {
        // A rejection must be decided on committed state; anything else, the ordinary way.
        return { decided: phase.decided, next, rejected: true };
      }
    }
    return { decided: phase.decided, next: queue.length, rejected: false };
  }

  /**
   * Appends the phase's decisions, each as soon as those it builds on are in (most at once: one
   * group commit). What did not go through is forgotten and handled one by one, in order.
   * @returns false when the run must stop.
   */
  private async append(decided: Decided[]): Promise<boolean> {
    const appends = new Map<Decided, Promise<AppendResult>>();
    // Once a decision waits, the later ones go after it, so the log keeps the run's order.
    let turn: Promise<void> | undefined;
    for (const item of decided) {
      const before = item.after.map((earlier) => appends.get(earlier)!);
      if (!turn && !before.length) {
        appends.set(item, this.submit(item));
        continue;
      }
      const ready = Promise.all([turn, ...before]);
      appends.set(
        item,
        ready.then(
          () => this.submit(item),
          () => Promise.reject(new NotAppended()),
        ),
      );
      turn = ready.then(
        () => undefined,
        () => undefined,
      );
    }
    const settled = await Promise.allSettled(decided.map((item) => appends.get(item)!));
    const fallback: Decided[] = [];
    settled.forEach((result, k) => {
      const item = decided[k]!;
      const { commandId, command } = this.items[item.index]!;
      if (result.status === 'fulfilled') {
        this.path.remember(item.writes, item.events, item.loaded, result.value.streams);
        this.path.snapshotDue(item.loaded);
        this.results[item.index] = { ok: true, value: { status: 'accepted', ...result.value } };
      } else if (result.reason instanceof DuplicateCommandError) {
        this.results[item.index] = settle(() => firstOutcome(commandId, fingerprintOf(command), result.reason.record));
      } else fallback.push(item);
    });
    this.path.forget(fallback.flatMap((item) => item.writes.map((w) => w.stream)));
    for (const item of fallback) if (!(await this.oneByOne(item.index))) return false;
    return true;
  }

  private submit(item: Decided): Promise<AppendResult> {
    const { commandId, command } = this.items[item.index]!;
    const fingerprint = fingerprintOf(command);
    return this.within(item.index, () =>
      appendTraced(command.type, () => this.path.store.appendCommand({ commandId, fingerprint, writes: item.writes })),
    );
  }

  /** The ordinary command path for one item. @returns false when the run must stop. */
  private async oneByOne(index: number): Promise<boolean> {
    const { commandId, command } = this.items[index]!;
    try {
      const value = await this.within(index, () => this.path.decideAndAppend(commandId, command, this.reads[index]!));
      this.results[index] = { ok: true, value };
      return true;
    } catch (error) {
      this.results[index] = { ok: false, error };
      return error instanceof DomainError;
    }
  }

  private within<T>(index: number, work: () => T): T {
    const { within } = this.items[index]!;
    return within ? within(work) : work();
  }
}

/** The outcome `answer` gives, or the DomainError it throws (`command.id-reused`). */
function settle(answer: () => HandledOutcome): RunOutcome {
  try {
    return { ok: true, value: answer() };
  } catch (error) {
    return { ok: false, error };
  }
}
