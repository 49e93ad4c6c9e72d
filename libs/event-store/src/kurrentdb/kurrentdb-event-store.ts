import {
  AppendConsistencyViolationError,
  excludeSystemEvents,
  FORWARDS,
  jsonEvent,
  KurrentDBClient,
  NO_STREAM as K_NO_STREAM,
  START,
  STREAM_STATE,
  BACKWARDS,
  END,
  eventTypeFilter,
  streamNameFilter,
  type AppendRecordInput,
  type ConsistencyCheck,
  type JSONType,
} from '@kurrent/kurrentdb-client';
import { ConcurrencyError, DuplicateCommandError, StoreUnavailableError } from '../errors';
import { eventId } from '../event-id';
import type {
  AppendResult,
  CommandAppend,
  CommandOutcome,
  CommandRecord,
  EventFilter,
  EventStore,
  ReadAllOptions,
  ReadStreamsOptions,
  StoredEvent,
  StreamWrite,
} from '../event-store.port';
import { NO_STREAM } from '../event-store.port';
import { readPart, readsPart } from '../partial-read';
import { readAllInBatches } from '../read-all';
import { matches } from '../sql-rows';
import { claimEvent, ledgerStream, outcomeEvent, readLedger } from './kurrentdb-ledger';
import { isSnapshotStream, KurrentDbSnapshots } from './kurrentdb-snapshots';

/**
 * KurrentDB (EventStoreDB) as the event store. Atomic multi-stream appends and condition-only
 * reads use `appendRecords` with stream-state checks (KurrentDB 25.1+). Differences (ADR 3): all
 * events of one append share a global position (the commit position), and the ledger is a stream
 * per command whose creation is part of the same atomic append.
 */
export class KurrentDbEventStore implements EventStore {
  readonly name = 'kurrentdb';
  private readonly snapshots: KurrentDbSnapshots;

  private constructor(private readonly client: KurrentDBClient) {
    this.snapshots = new KurrentDbSnapshots(client, (stream, fromRevision) => this.readFrom(stream, fromRevision));
  }

  static connect(connectionString: string): KurrentDbEventStore {
    return new KurrentDbEventStore(KurrentDBClient.connectionString`${connectionString}`);
  }

  append(writes: StreamWrite[]): Promise<AppendResult> {
    return this.write(writes);
  }

  async appendCommand({ commandId, fingerprint, writes }: CommandAppend): Promise<AppendResult> {
    const result = await this.write(writes, { commandId, fingerprint });
    await this.client
      .appendToStream(ledgerStream(commandId), outcomeEvent({ status: 'accepted', ...result }), {
        streamState: BigInt(0),
      })
      .catch(() => undefined); // the claim is already durable; readLedger rebuilds a missing outcome
    return result;
  }

  private async write(
    writes: StreamWrite[],
    command?: { commandId: string; fingerprint: string },
  ): Promise<AppendResult> {
    const records: AppendRecordInput[] = [];
    const checks: ConsistencyCheck[] = [];
    for (const w of writes) {
      if (w.expected !== 'any')
        checks.push({
          type: STREAM_STATE,
          streamName: w.stream,
          expectedState: w.expected === NO_STREAM ? K_NO_STREAM : BigInt(w.expected),
        });
      w.events.forEach((e, i) => {
        const revision = w.expected === 'any' ? undefined : w.expected + 1 + i;
        const id =
          revision === undefined || !command
            ? eventId(undefined, w.stream, 0)
            : eventId(command.commandId, w.stream, revision);
        records.push({
          streamName: w.stream,
          record: jsonEvent({
            id,
            type: e.type,
            data: e.data as JSONType,
            metadata: { ...e.metadata, commandId: command?.commandId ?? e.metadata.commandId },
          }),
        });
      });
    }
    if (command) {
      const ledger = ledgerStream(command.commandId);
      checks.push({ type: STREAM_STATE, streamName: ledger, expectedState: K_NO_STREAM });
      records.push({
        streamName: ledger,
        record: claimEvent({ fingerprint: command.fingerprint, streams: writes.map((w) => w.stream) }),
      });
    }
    try {
      const result = await this.client.appendRecords(records, checks);
      const revisions = new Map(result.responses.map((r) => [r.streamName, Number(r.revision)]));
      const count = writes.reduce((n, w) => n + w.events.length, 0);
      return {
        streams: writes.map((w) => ({
          stream: w.stream,
          revision: revisions.get(w.stream) ?? (w.expected === 'any' ? NO_STREAM : w.expected),
        })),
        positions: Array.from({ length: count }, () => Number(result.position)),
      };
    } catch (error) {
      throw await this.translate(error, writes, command?.commandId);
    }
  }

  private async translate(error: unknown, writes: StreamWrite[], commandId?: string): Promise<Error> {
    if (!(error instanceof AppendConsistencyViolationError))
      return new StoreUnavailableError(`KurrentDB append failed: ${(error as Error).message}`, { cause: error });
    const violation = error.violations[0]!;
    if (commandId && violation.streamName === ledgerStream(commandId)) {
      const record = await readLedger(this.client, commandId);
      if (record) return new DuplicateCommandError(record);
    }
    const expected = writes.find((w) => w.stream === violation.streamName)?.expected ?? 'any';
    const actual = typeof violation.actualState === 'bigint' ? Number(violation.actualState) : NO_STREAM;
    return new ConcurrencyError(violation.streamName, expected, actual);
  }

  async recordRejection(
    commandId: string,
    fingerprint: string,
    outcome: CommandOutcome & { status: 'rejected' },
  ): Promise<CommandRecord> {
    await this.client
      .appendToStream(ledgerStream(commandId), claimEvent({ fingerprint, outcome, streams: [] }), {
        streamState: K_NO_STREAM,
      })
      .catch(() => undefined);
    return (await readLedger(this.client, commandId))!;
  }

  findCommand(commandId: string): Promise<CommandRecord | null> {
    return readLedger(this.client, commandId);
  }

  async readStream(stream: string) {
    const events = await this.readFrom(stream, START);
    return { revision: events.length ? events[events.length - 1]!.revision : NO_STREAM, events };
  }

  private async readFrom(stream: string, fromRevision: typeof START | bigint): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(stream, { fromRevision }))
        if (resolved.event) events.push(toStored(resolved.event));
    } catch (error) {
      if ((error as { type?: string }).type !== 'stream-not-found')
        throw new StoreUnavailableError(`KurrentDB read failed: ${(error as Error).message}`, { cause: error });
    }
    return events;
  }

  async readStreams(streams: readonly string[], options?: ReadStreamsOptions) {
    const reads = await Promise.all(
      streams.map((stream) =>
        readsPart(options)
          ? readPart(this.snapshots, stream, options!.from?.get(stream), options!.snapshots?.get(stream))
          : this.readStream(stream),
      ),
    );
    return new Map(streams.map((stream, i) => [stream, reads[i]!]));
  }

  writeSnapshot(stream: string, revision: number, foldVersion: number, state: unknown): Promise<void> {
    return this.snapshots.write(stream, revision, foldVersion, state);
  }

  /** Never splits the events of one commit across batches: they share a position. */
  async readBatch(after: number, limit: number, filter?: EventFilter): Promise<StoredEvent[]> {
    const batch: StoredEvent[] = [];
    const fromPosition = after === 0 ? START : { commit: BigInt(after), prepare: BigInt(after) };
    const serverFilter = filter?.eventTypes
      ? eventTypeFilter({ prefixes: [...filter.eventTypes] })
      : filter?.categories
        ? streamNameFilter({ prefixes: filter.categories.map((c) => `${c}-`) })
        : excludeSystemEvents();
    for await (const resolved of this.client.readAll({
      fromPosition,
      direction: FORWARDS,
      filter: serverFilter,
      maxCount: limit * 2,
    })) {
      const e = resolved.event;
      if (!e || e.streamId.startsWith('ledger-') || isSnapshotStream(e.streamId)) continue;
      const stored = toStored(e);
      if (stored.position <= after || !matches(filter, stored)) continue;
      if (batch.length >= limit && stored.position !== batch[batch.length - 1]!.position) break;
      batch.push(stored);
    }
    return batch;
  }

  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent[]> {
    return readAllInBatches((after, limit, filter) => this.readBatch(after, limit, filter), options);
  }

  /** Snapshots are not part of the log: the head is the last event of another stream. */
  async headPosition(): Promise<number> {
    for await (const resolved of this.client.readAll({
      direction: BACKWARDS,
      fromPosition: END,
      maxCount: 1000, // snapshots come at most one per thousand events of a stream
      filter: excludeSystemEvents(),
    })) {
      if (resolved.event && isSnapshotStream(resolved.event.streamId)) continue;
      return Number(resolved.event?.position?.commit ?? 0);
    }
    return 0;
  }

  async waitForAppend(_position: number, timeoutMs: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, Math.min(timeoutMs, 100)));
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

interface KurrentEvent {
  id: string;
  streamId: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata?: unknown;
  created: Date | string | number;
  position?: { commit: bigint; prepare: bigint };
}

function toStored(e: KurrentEvent): StoredEvent {
  return {
    id: e.id,
    stream: e.streamId,
    revision: Number(e.revision),
    position: Number(e.position?.commit ?? 0),
    type: e.type,
    data: e.data,
    metadata: e.metadata as StoredEvent['metadata'],
    recordedAt: new Date(e.created).toISOString(),
  };
}
