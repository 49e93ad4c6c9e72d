/** Who caused an event, when (business time), and which command and conversation it belongs to. */
export interface EventMetadata {
  actor: { role: string; id: string };
  occurredAt: string;
  commandId?: string;
  correlationId?: string;
  /** The API key that sent the command. */
  keyId?: string;
  /** The W3C trace context of the command, when it was traced: its published events continue the trace. */
  traceparent?: string;
}

export interface NewEvent {
  type: string;
  data: unknown;
  metadata: EventMetadata;
}

export interface StoredEvent {
  /** Deterministic per command: the same command never yields two different ids. */
  id: string;
  stream: string;
  /** 0-based index of the event in its stream. */
  revision: number;
  /** Position in the global log: strictly increasing in commit order. */
  position: number;
  type: string;
  data: unknown;
  metadata: EventMetadata;
  recordedAt: string;
}

/** The stream must be at exactly this revision (`NO_STREAM` for "does not exist"), or `'any'`. */
export type ExpectedRevision = number | 'any';
export const NO_STREAM = -1;

/** Append `events` to `stream` if it is at `expected`. No events: a condition only. */
export interface StreamWrite {
  stream: string;
  expected: ExpectedRevision;
  events: NewEvent[];
}

export interface StreamRead {
  /** The stream's revision: its last event's, whatever part of the stream was read. */
  revision: number;
  /** The whole stream; or, with `from` or `snapshot` set, only the events after that revision. */
  events: StoredEvent[];
  /** Set when the `from` asked for was honoured: `events` follow the caller's own state at it. */
  from?: number;
  /** The latest snapshot of the fold version asked for, when there is a usable one: `events` follow it. */
  snapshot?: { revision: number; state: unknown };
}

/**
 * What part of each stream to read. Without options, every stream is read whole.
 * A snapshot is a cache beside the log, never part of it: a stream without a usable one (none, of
 * another fold version, past the stream's end, unreadable) is read whole, or from `from`.
 */
export interface ReadStreamsOptions {
  /** By stream: the caller holds the state at this revision, read only the events after it. */
  from?: ReadonlyMap<string, number>;
  /**
   * By stream: the fold version the caller folds with. The latest snapshot of that version comes
   * back with the events after it (when it is later than `from`).
   */
  snapshots?: ReadonlyMap<string, number>;
}

/** Groups events read from several streams by stream, in revision order. */
export function byStream(streams: readonly string[], events: StoredEvent[]): Map<string, StreamRead> {
  const reads = new Map<string, StreamRead>(streams.map((s) => [s, { revision: NO_STREAM, events: [] }]));
  for (const event of events) {
    const read = reads.get(event.stream)!;
    read.events.push(event);
    read.revision = event.revision;
  }
  return reads;
}

export interface AppendResult {
  streams: { stream: string; revision: number }[];
  positions: number[];
}

export type CommandOutcome =
  ({ status: 'accepted' } & AppendResult) | { status: 'rejected'; code: string; message: string };

/** The ledger entry of a command: its fingerprint (to refuse a reused id) and its first outcome. */
export interface CommandRecord {
  commandId: string;
  fingerprint: string;
  outcome: CommandOutcome;
}

/** A command's writes, recorded in the ledger in the same atomic write as its events. */
export interface CommandAppend {
  commandId: string;
  fingerprint: string;
  writes: StreamWrite[];
}

export interface EventFilter {
  eventTypes?: readonly string[];
  /** Stream categories: what comes before the first `-` of the stream name. */
  categories?: readonly string[];
}

export interface ReadAllOptions {
  /** Read events after this position (exclusive); 0 reads from the start. */
  after?: number;
  batchSize?: number;
  filter?: EventFilter;
}

/**
 * The event store port. Every adapter passes the same contract suite.
 *
 * `appendCommand` is atomic: all writes and the ledger entry, or nothing. It throws
 * {@link ConcurrencyError} when a stream is not at its expected revision, and
 * {@link DuplicateCommandError} (carrying the first record) when the command id is in the ledger.
 */
export interface EventStore {
  readonly name: string;
  appendCommand(command: CommandAppend): Promise<AppendResult>;
  /** Appends without a ledger entry (imports, tests). Same atomicity and errors. */
  append(writes: StreamWrite[]): Promise<AppendResult>;
  /** Records a rejected command; if the id is already recorded, returns what was recorded first. */
  recordRejection(
    commandId: string,
    fingerprint: string,
    outcome: CommandOutcome & { status: 'rejected' },
  ): Promise<CommandRecord>;
  findCommand(commandId: string): Promise<CommandRecord | null>;
  /** The stream's events and revision (`NO_STREAM` when it has none). */
  readStream(stream: string): Promise<StreamRead>;
  /** Several streams in one read (one query where the store allows), each whole or past a snapshot. */
  readStreams(streams: readonly string[], options?: ReadStreamsOptions): Promise<Map<string, StreamRead>>;
  /**
   * Keeps `state`, the fold of `stream` up to `revision` by fold version `foldVersion`, for
   * `readStreams` to start from. Never part of the log: no position, not read by `readAll`. An
   * older snapshot never replaces a later one of the same fold version.
   */
  writeSnapshot(stream: string, revision: number, foldVersion: number, state: unknown): Promise<void>;
  /** The global log in position order, in batches. */
  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent[]>;
  /** One batch of the global log after `after`; what subscriptions poll. */
  readBatch(after: number, limit: number, filter?: EventFilter): Promise<StoredEvent[]>;
  /** The position of the last committed event, 0 for an empty store. */
  headPosition(): Promise<number>;
  /** Resolves when events may have been appended after `position`, or after `timeoutMs`. */
  waitForAppend(position: number, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}
