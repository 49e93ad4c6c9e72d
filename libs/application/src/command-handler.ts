import { createHash } from 'node:crypto';
import {
  authorize,
  commandFingerprint,
  decide,
  DomainError,
  foldFor,
  stateView,
  streamOf,
  streamsRead,
  assertSameCommand,
  type Command,
  type DomainEvent,
  type Principal,
} from '@sce/domain';
import { StreamLocks } from './stream-locks';
import {
  ConcurrencyError,
  DuplicateCommandError,
  type CommandOutcome,
  type CommandRecord,
  type EventStore,
  type StreamWrite,
} from '@sce/event-store';

/** What a caller gets back: the first outcome of this command id, or a conflict retries could not resolve. */
export type HandledOutcome = CommandOutcome | { status: 'conflict'; message: string };

export interface HandleOptions {
  /** Attempts on a concurrency conflict before answering `conflict`. */
  maxAttempts?: number;
}

/**
 * The command path: authorize, load the streams the command reads, decide, and append every
 * event and the ledger entry in one atomic write conditioned on what was read. A rule broken is a
 * recorded rejection; the same command id again returns the first outcome and writes nothing.
 * @throws DomainError `command.id-reused` when the id was used for another command.
 */
export class CommandHandler {
  private readonly locks = new StreamLocks();

  constructor(
    private readonly store: EventStore,
    private readonly options: HandleOptions = {},
  ) {}

  async handle(commandId: string, command: Command, principal: Principal): Promise<HandledOutcome> {
    authorize(principal, command);
    // The shop stream is read by every command of a shop but rarely written: no queueing on it.
    const contended = streamsRead(command).filter((stream) => !stream.startsWith('shop-'));
    return this.locks.run(contended, () => this.decideAndAppend(commandId, command));
  }

  private async decideAndAppend(commandId: string, command: Command): Promise<HandledOutcome> {
    const fingerprint = fingerprintOf(command);
    const maxAttempts = this.options.maxAttempts ?? 10;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const loaded = await this.load(command);
      let events: DomainEvent[];
      try {
        events = decide(
          command,
          stateView(command.shopId ?? '', (stream) => loaded.get(stream)!.state),
        );
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const rejected = { status: 'rejected' as const, code: error.code, message: error.message };
        return firstOutcome(commandId, fingerprint, await this.store.recordRejection(commandId, fingerprint, rejected));
      }
      try {
        const writes = toWrites(command, commandId, events, loaded);
        return { status: 'accepted', ...(await this.store.appendCommand({ commandId, fingerprint, writes })) };
      } catch (error) {
        if (error instanceof DuplicateCommandError) return firstOutcome(commandId, fingerprint, error.record);
        if (!(error instanceof ConcurrencyError)) throw error;
        await backoff(attempt);
      }
    }
    return {
      status: 'conflict',
      message: `the streams of ${command.type} kept changing; ${maxAttempts} attempts failed`,
    };
  }

  private async load(command: Command): Promise<Map<string, { revision: number; state: unknown }>> {
    const names = streamsRead(command);
    const read = await Promise.all(names.map((stream) => this.store.readStream(stream)));
    return new Map(
      names.map((stream, i) => {
        const fold = foldFor(stream);
        const { revision, events } = read[i]!;
        const state = events.reduce((s, e) => fold.evolve(s, e as unknown as DomainEvent), fold.initialState());
        return [stream, { revision, state }];
      }),
    );
  }
}

/** Another process won the race: wait a little, more each time, at random so racers spread out. */
function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 ** attempt, 100)));
}

/** A digest of what makes the command itself: type, shop and payload (not metadata). */
export function fingerprintOf(command: Command): string {
  return createHash('sha256').update(commandFingerprint(command)).digest('base64url');
}

/** The outcome recorded first for this id, if the id names the same command. */
function firstOutcome(commandId: string, fingerprint: string, record: CommandRecord): CommandOutcome {
  assertSameCommand(commandId, record.fingerprint, fingerprint);
  return record.outcome;
}

/** Groups events by stream; streams read are appended at the revision read, others at any. */
function toWrites(
  command: Command,
  commandId: string,
  events: DomainEvent[],
  loaded: Map<string, { revision: number }>,
): StreamWrite[] {
  const metadata = { ...command.metadata, commandId };
  const writes = new Map<string, StreamWrite>();
  for (const [stream, { revision }] of loaded) writes.set(stream, { stream, expected: revision, events: [] });
  for (const event of events) {
    const stream = streamOf(event);
    const write = writes.get(stream) ?? { stream, expected: 'any' as const, events: [] };
    write.events.push({ type: event.type, data: event.data, metadata });
    writes.set(stream, write);
  }
  return [...writes.values()];
}
