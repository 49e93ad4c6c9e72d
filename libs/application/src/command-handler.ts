import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { hash } from 'node:crypto';
import {
  assertSameCommand,
  authorize,
  commandFingerprint,
  decide,
  DomainError,
  foldFor,
  stateView,
  streamOf,
  streamsRead,
  type Command,
  type DomainEvent,
  type Emitted,
  type Principal,
} from '@sce/domain';
import {
  ConcurrencyError,
  DuplicateCommandError,
  type CommandOutcome,
  type CommandRecord,
  type EventStore,
  type StreamWrite,
} from '@sce/event-store';
import { StateCache, type CachedState } from './state-cache';
import { StreamLocks } from './stream-locks';

/** What a caller gets back: the first outcome of this command id, or a conflict retries could not resolve. */
export type HandledOutcome = CommandOutcome | { status: 'conflict'; message: string };

export interface HandleOptions {
  /** Attempts on a concurrency conflict before answering `conflict`. */
  maxAttempts?: number;
  /** Folded stream states kept in memory. */
  cacheSize?: number;
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

  constructor(
    private readonly store: EventStore,
    private readonly options: HandleOptions = {},
  ) {
    this.cache = new StateCache(options.cacheSize);
  }

  async handle(commandId: string, command: Command, principal: Principal): Promise<HandledOutcome> {
    authorize(principal, command);
    const reads = streamsRead(command);
    // The shop stream is read by every command of a shop but rarely written: no queueing on it.
    const contended = reads.filter((stream) => !stream.startsWith('shop-'));
    return this.locks.run(contended, () => this.decideAndAppend(commandId, command, reads));
  }

  private async decideAndAppend(commandId: string, command: Command, reads: string[]): Promise<HandledOutcome> {
    const fingerprint = fingerprintOf(command);
    const maxAttempts = this.options.maxAttempts ?? 10;
    let fresh = false;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const { loaded, cached } = await this.load(reads, fresh);
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
        return firstOutcome(commandId, fingerprint, await this.store.recordRejection(commandId, fingerprint, rejected));
      }
      const writes = toWrites(command, commandId, events, loaded);
      try {
        const result = await appendTraced(command.type, () =>
          this.store.appendCommand({ commandId, fingerprint, writes }),
        );
        this.remember(writes, events, loaded, result.streams);
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

  private async load(reads: string[], fresh: boolean): Promise<{ loaded: Loaded; cached: boolean }> {
    const loaded: Loaded = new Map();
    const missing: string[] = [];
    for (const stream of reads) {
      const entry = fresh ? undefined : this.cache.get(stream);
      if (entry) loaded.set(stream, entry);
      else missing.push(stream);
    }
    const cached = loaded.size > 0;
    if (missing.length) {
      for (const [stream, { revision, events }] of await this.store.readStreams(missing)) {
        const fold = foldFor(stream);
        const state = events.reduce((s, e) => fold.evolve(s, e as unknown as DomainEvent), fold.initialState());
        const entry = { revision, state };
        loaded.set(stream, entry);
        this.cache.set(stream, entry);
      }
    }
    return { loaded, cached };
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

/** Another process won the race: wait a little, more each time, at random so racers spread out. */
function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 ** attempt, 100)));
}

/** A digest of what makes the command itself: type, shop and payload (not metadata). */
export function fingerprintOf(command: Command): string {
  return hash('sha256', commandFingerprint(command), 'base64url');
}

/** The outcome recorded first for this id, if the id names the same command. */
function firstOutcome(commandId: string, fingerprint: string, record: CommandRecord): CommandOutcome {
  assertSameCommand(commandId, record.fingerprint, fingerprint);
  return record.outcome;
}

/**
 * Groups events by stream, streams in the order the decision emitted them (so the global log keeps
 * that order), then the streams only read, as conditions. Streams read are appended at the
 * revision read, others at any. Every event carries the command's metadata, with the actor the
 * decision named for it, if any (an automation's).
 */
function toWrites(command: Command, commandId: string, events: Emitted<DomainEvent>[], loaded: Loaded): StreamWrite[] {
  const metadata = { ...command.metadata, commandId };
  const writes = new Map<string, StreamWrite>();
  for (const event of events) {
    const stream = streamOf(event);
    const write = writes.get(stream) ?? {
      stream,
      expected: loaded.get(stream)?.revision ?? ('any' as const),
      events: [],
    };
    write.events.push({
      type: event.type,
      data: event.data,
      metadata: event.actor ? { ...metadata, actor: event.actor } : metadata,
    });
    writes.set(stream, write);
  }
  for (const [stream, { revision }] of loaded)
    if (!writes.has(stream)) writes.set(stream, { stream, expected: revision, events: [] });
  return [...writes.values()];
}

/** The append as a span of the command's trace (a no-op when tracing is off). */
function appendTraced<T>(type: string, append: () => Promise<T>): Promise<T> {
  return trace.getTracer('sce-engine').startActiveSpan(`append ${type}`, { kind: SpanKind.INTERNAL }, async (span) => {
    try {
      return await append();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}
