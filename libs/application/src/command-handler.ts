import {
  authorize,
  decide,
  DomainError,
  foldFor,
  stateView,
  streamOf,
  streamsRead,
  streamStarted,
  type Command,
  type DomainEvent,
  type Emitted,
  type Principal,
} from '@sce/domain';
import {
  ConcurrencyError,
  DuplicateCommandError,
  NO_STREAM,
  type EventStore,
  type StreamRead,
  type StreamWrite,
} from '@sce/event-store';
import { CommandRun, type CommandPath, type RunItem, type RunOutcome } from './command-run';
import { appendTraced, backoff, fingerprintOf, firstOutcome, toWrites, type HandledOutcome } from './command-writes';
import { SnapshotWriter, type SnapshotOptions } from './snapshots';
import { StateCache, type CachedState } from './state-cache';
import { contended, StreamLocks } from './stream-locks';

export { fingerprintOf } from './command-writes';

export type { HandledOutcome } from './command-writes';

export interface HandleOptions {
  /** Attempts on a concurrency conflict before answering `conflict`. */
  maxAttempts?: number;
  /** Folded stream states kept in memory. */
  cacheSize?: number;
  /** When streams get a snapshot (every 1,000 events past the last by default), and who hears of a failed write. */
  snapshots?: SnapshotOptions;
}

type Loaded = Map<string, CachedState>;

/**
 * The command path: authorize, load the streams the command reads, decide, and append every
 * event and the ledger entry in one atomic write conditioned on what was read. A rule broken is a
 * recorded rejection; the same command id again returns the first outcome and writes nothing.
 * @throws DomainError `command.id-reused` when the id was used for another command; `auth.*` when
 * the principal may not send it (not recorded: it is about the caller, not the command).
 */
export class CommandHandler {
  private readonly locks = new StreamLocks();
  private readonly cache: StateCache;
  private readonly snapshots: SnapshotWriter;
  /** What a run of commands uses of this path. */
  private readonly path: CommandPath;

  constructor(
    private readonly store: EventStore,
    private readonly options: HandleOptions = {},
  ) {
    this.cache = new StateCache(options.cacheSize);
    this.snapshots = new SnapshotWriter(store, options.snapshots);
    this.path = {
      store,
      locks: this.locks,
      load: async (reads, starts) => (await this.load(reads, false, starts)).loaded,
      decideAndAppend: (commandId, command, reads) => this.decideAndAppend(commandId, command, reads),
      remember: (writes, events, loaded, revisions) => this.remember(writes, events, loaded, revisions),
      snapshotDue: (loaded) => this.snapshotDue(loaded),
      forget: (streams) => this.cache.forget(streams),
    };
  }

  /**
   * Waits for the snapshot writes under way (on shutdown, before the store closes), at most
   * `timeoutMs`: true when every one has finished. Losing one loses nothing but time.
   */
  settleSnapshots(timeoutMs?: number): Promise<boolean> {
    return this.snapshots.settle(timeoutMs);
  }

  async handle(commandId: string, command: Command, principal: Principal): Promise<HandledOutcome> {
    authorize(principal, command);
    const reads = streamsRead(command);
    return this.locks.run(contended(reads), () => this.decideAndAppend(commandId, command, reads));
  }

  /**
   * Handles a run of commands (one Kafka key's messages) as if one by one, in their order, but
   * decided in memory and appended together (CommandRun). An item's `auth.*` or
   * `command.id-reused` DomainError is its outcome; a failure of the store is that item's, and the
   * items after it are not worked on (undefined).
   */
  handleRun(items: readonly RunItem[]): Promise<RunOutcome[]> {
    return new CommandRun(items, this.path).outcomes();
  }

  private async decideAndAppend(commandId: string, command: Command, reads: string[]): Promise<HandledOutcome> {
    const fingerprint = fingerprintOf(command);
    const maxAttempts = this.options.maxAttempts ?? 10;
    let fresh = false;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const { loaded, cached } = await this.load(reads, fresh, fresh ? undefined : streamStarted(command));
      let events: Emitted<DomainEvent>[];
      try {
        events = decide(
          command,
          stateView(command.shopId ?? '', (stream) => loaded.get(stream)!.state),
        );
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        // A rejection is not checked by the append: decide it again on fresh reads before recording it.
        if (cached) {
          fresh = true;
          continue;
        }
        const rejected = { status: 'rejected' as const, code: error.code, message: error.message };
        const record = await this.store.recordRejection(commandId, fingerprint, rejected);
        this.snapshotDue(loaded);
        return firstOutcome(commandId, fingerprint, record);
      }
      const writes = toWrites(command, commandId, events, loaded);
      try {
        const result = await appendTraced(command.type, () =>
          this.store.appendCommand({ commandId, fingerprint, writes }),
        );
        this.remember(writes, events, loaded, result.streams);
        this.snapshotDue(loaded);
        return { status: 'accepted', ...result };
      } catch (error) {
        if (error instanceof DuplicateCommandError) return firstOutcome(commandId, fingerprint, error.record);
        if (!(error instanceof ConcurrencyError)) throw error;
        this.cache.forget(writes.map((w) => w.stream));
        fresh = true;
        await backoff(attempt);
      }
    }
    return {
      status: 'conflict',
      message: `the streams of ${command.type} kept changing; ${maxAttempts} attempts failed`,
    };
  }

  /**
   * The states of `reads`: from the cache, else from the store past the stream's latest snapshot.
   * `fresh` reads every stream from the store, a cached one only past the revision cached. The
   * stream the command `starts` is taken as empty unread (`cached` then: a rejection is decided
   * again on fresh reads, and the append's condition refuses the guess if the stream exists).
   */
  private async load(reads: string[], fresh: boolean, starts?: string): Promise<{ loaded: Loaded; cached: boolean }> {
    const loaded: Loaded = new Map();
    const held = new Map<string, CachedState>();
    const missing: string[] = [];
    for (const stream of reads) {
      const entry = this.cache.get(stream);
      if (entry && !fresh) loaded.set(stream, entry);
      else if (stream === starts)
        loaded.set(stream, { revision: NO_STREAM, state: foldFor(stream).initialState(), snapshotAt: NO_STREAM });
      else missing.push(stream);
      if (entry && fresh) held.set(stream, entry);
    }
    const cached = loaded.size > 0;
    if (missing.length) {
      const from = new Map([...held].map(([stream, entry]) => [stream, entry.revision]));
      const snapshots = new Map(missing.map((stream) => [stream, foldFor(stream).version]));
      for (const [stream, read] of await this.store.readStreams(missing, { from, snapshots })) {
        const entry = await this.folded(stream, read, held.get(stream));
        loaded.set(stream, entry);
        this.cache.set(stream, entry);
      }
    }
    return { loaded, cached };
  }

  /** A stream's state from what was read: past the state held, past its snapshot, or whole. */
  private async folded(stream: string, read: StreamRead, held: CachedState | undefined): Promise<CachedState> {
    const fold = foldFor(stream);
    const evolve = (state: unknown) => read.events.reduce((s, e) => fold.evolve(s, e as unknown as DomainEvent), state);
    const { revision } = read;
    if (read.from !== undefined && held) return { revision, state: evolve(held.state), snapshotAt: held.snapshotAt };
    if (!read.snapshot) return { revision, state: evolve(fold.initialState()), snapshotAt: NO_STREAM };
    try {
      return { revision, state: evolve(read.snapshot.state), snapshotAt: read.snapshot.revision };
    } catch {
      // A snapshot this fold cannot continue (its version was not bumped, or it was damaged): read it all.
      const whole = (await this.store.readStreams([stream])).get(stream)!;
      return this.folded(stream, whole, undefined);
    }
  }

  /** After the command's outcome: a snapshot of each stream read that has grown enough since its last. */
  private snapshotDue(loaded: Loaded): void {
    for (const [stream, entry] of loaded) this.snapshots.consider(stream, this.cache.get(stream) ?? entry);
  }

  private remember(
    writes: StreamWrite[],
    events: DomainEvent[],
    loaded: Loaded,
    revisions: { stream: string; revision: number }[],
  ): void {
    const written = new Map(revisions.map((r) => [r.stream, r.revision]));
    for (const write of writes) {
      if (!write.events.length) continue;
      const mine = events.filter((e) => streamOf(e) === write.stream);
      this.cache.advance(
        write.stream,
        loaded.get(write.stream) ?? this.cache.get(write.stream),
        mine,
        written.get(write.stream)!,
      );
    }
  }
}
