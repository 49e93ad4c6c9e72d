import { Pool, type QueryResultRow } from 'pg';
import { resultAt, type PendingAppend, type PlanResult } from '../append-plan';
import { ConcurrencyError, DuplicateCommandError, StoreUnavailableError } from '../errors';
import type {
  CommandAppend,
  CommandOutcome,
  CommandRecord,
  EventFilter,
  EventStore,
  ReadAllOptions,
  ReadStreamsOptions,
  StoredEvent,
  StreamRead,
  StreamWrite,
} from '../event-store.port';
import { readAllInBatches } from '../read-all';
import { NO_STREAM } from '../event-store.port';
import { checkSnapshot } from '../partial-read';
import { GroupCommit, type CommittedBatch } from '../group-commit';
import { fromRawRow, toCommandRecord } from '../sql-rows';
import { PostgresNotifications } from './postgres-notifications';
import { eventColumns, PostgresStreamReads } from './postgres-reads';
import { migratePostgres, quoteIdent } from './postgres-schema';

/** Deadlock and serialization failures: the batch wrote nothing and can simply run again. */
const TRANSIENT = new Set(['40P01', '40001']);

export interface PostgresStoreOptions {
  connectionString: string;
  schema?: string;
  poolSize?: number;
}

/**
 * The shared event store for several engine instances. Each instance group-commits its appends;
 * positions are handed out by `log_head` at the end of each transaction, so they are gap-free
 * and in commit order (ADR 2): a reader following `position > checkpoint` never skips an event.
 */
export class PostgresEventStore implements EventStore {
  readonly name = 'postgres';
  private readonly commits = new GroupCommit((appends) => this.writeBatch(appends));
  private readonly reads = new PostgresStreamReads((sql, values, name) => this.rows(sql, values, name));

  private constructor(
    private readonly pool: Pool,
    private readonly notifications: PostgresNotifications,
  ) {}

  static async connect({
    connectionString,
    schema = 'public',
    poolSize = 10,
  }: PostgresStoreOptions): Promise<PostgresEventStore> {
    const pool = new Pool({ connectionString, max: poolSize, options: `-c search_path=${quoteIdent(schema)}` });
    pool.on('error', () => undefined); // an idle client dropped by the server; the next query reconnects
    const client = await pool.connect().catch((error: unknown) => {
      throw new StoreUnavailableError(`cannot reach PostgreSQL: ${(error as Error).message}`, { cause: error });
    });
    try {
      await migratePostgres(client, schema);
    } finally {
      client.release();
    }
    const notifications = await PostgresNotifications.listen(connectionString, `sce_events_${schema}`);
    return new PostgresEventStore(pool, notifications);
  }

  appendCommand({ commandId, fingerprint, writes }: CommandAppend) {
    return this.commits.submit({ commandId, fingerprint, writes });
  }

  append(writes: StreamWrite[]) {
    return this.commits.submit({ writes });
  }

  private async writeBatch(appends: PendingAppend[]): Promise<CommittedBatch> {
    const batch = appends.map((a) => ({
      c: a.commandId ?? null,
      f: a.fingerprint ?? '',
      w: a.writes.map((w) => ({
        s: w.stream,
        x: w.expected === 'any' ? null : w.expected,
        e: w.events.map((e) => ({ t: e.type, d: e.data, m: e.metadata })),
      })),
    }));
    for (let attempt = 1; ; attempt++) {
      try {
        const { rows } = await this.pool.query<{ r: SqlBatchResult }>({
          name: 'sce_append',
          text: 'SELECT sce_append($1::jsonb, $2) AS r',
          values: [JSON.stringify(batch), this.notifications.channel],
        });
        return fromSql(rows[0]!.r, appends);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (!(code && TRANSIENT.has(code)) || attempt >= 5) throw translate(error);
      }
    }
  }

  async recordRejection(
    commandId: string,
    fingerprint: string,
    outcome: CommandOutcome & { status: 'rejected' },
  ): Promise<CommandRecord> {
    await this.query(
      'INSERT INTO commands (command_id, fingerprint, outcome) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [commandId, fingerprint, JSON.stringify(outcome)],
    );
    return (await this.findCommand(commandId))!;
  }

  async findCommand(commandId: string): Promise<CommandRecord | null> {
    const { rows } = await this.query<Parameters<typeof toCommandRecord>[0]>(
      'SELECT command_id, fingerprint, outcome FROM commands WHERE command_id = $1',
      [commandId],
      'sce_find_command',
    );
    return rows[0] ? toCommandRecord(rows[0]) : null;
  }

  async readStream(stream: string) {
    const rows = await this.rows(`SELECT ${eventColumns()} FROM events WHERE stream_id = $1 ORDER BY revision`, [
      stream,
    ]);
    const events = rows.map(fromRawRow);
    return { revision: events.length ? events[events.length - 1]!.revision : NO_STREAM, events };
  }

  readStreams(streams: readonly string[], options?: ReadStreamsOptions): Promise<Map<string, StreamRead>> {
    return this.reads.read(streams, options);
  }

  async writeSnapshot(stream: string, revision: number, foldVersion: number, state: unknown): Promise<void> {
    checkSnapshot(stream, revision, foldVersion);
    await this.query(
      `INSERT INTO snapshots (stream_id, fold_version, revision, state) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (stream_id, fold_version) DO UPDATE
         SET revision = EXCLUDED.revision, state = EXCLUDED.state, written_at = now()
         WHERE snapshots.revision < EXCLUDED.revision`,
      [stream, foldVersion, revision, JSON.stringify(state)],
    );
  }

  async readBatch(after: number, limit: number, filter?: EventFilter): Promise<StoredEvent[]> {
    const where = ['position > $1'];
    const params: unknown[] = [after, limit];
    if (filter?.eventTypes) where.push(`type = ANY($${params.push(filter.eventTypes)})`);
    if (filter?.categories) where.push(`split_part(stream_id, '-', 1) = ANY($${params.push(filter.categories)})`);
    const rows = await this.rows(
      `SELECT ${eventColumns()} FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT $2`,
      params,
    );
    return rows.map(fromRawRow);
  }

  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent[]> {
    return readAllInBatches((after, limit, filter) => this.readBatch(after, limit, filter), options);
  }

  async headPosition(): Promise<number> {
    const { rows } = await this.query<{ position: string }>('SELECT position FROM log_head WHERE id = 1');
    return Number(rows[0]?.position ?? 0);
  }

  waitForAppend(position: number, timeoutMs: number): Promise<void> {
    return this.notifications.waitBeyond(position, timeoutMs);
  }

  async close(): Promise<void> {
    await this.notifications.close();
    await this.pool.end();
  }

  /** `name` makes it a prepared statement: parsed and planned once per connection, not per call. */
  private async rows(sql: string, values: unknown[], name?: string): Promise<unknown[][]> {
    try {
      return (await this.pool.query<unknown[]>({ name, text: sql, values, rowMode: 'array' })).rows;
    } catch (error) {
      throw translate(error);
    }
  }

  private async query<R extends QueryResultRow = QueryResultRow>(sql: string, params: unknown[] = [], name?: string) {
    try {
      return await this.pool.query<R>({ name, text: sql, values: params });
    } catch (error) {
      throw translate(error);
    }
  }
}

type SqlResult =
  | { streams: { stream: string; revision: number }[]; offsets: number[] }
  | { conflict: { stream: string; expected: number; actual: number } }
  | { dup: CommandRecord }
  | { dupOf: number };
interface SqlBatchResult {
  first: number | null;
  results: SqlResult[];
}

/** What sce_append answered, in the shape the group commit hands back to each append. */
function fromSql({ first, results }: SqlBatchResult, appends: PendingAppend[]): CommittedBatch {
  const plan: PlanResult[] = results.map((r, i) => {
    if ('streams' in r) return { ok: true, streams: r.streams, offsets: r.offsets };
    if ('dupOf' in r) return { ok: false, duplicateOf: r.dupOf };
    if ('dup' in r) return { ok: false, error: new DuplicateCommandError(r.dup) };
    const expected = appends[i]!.writes.find((w) => w.stream === r.conflict.stream)?.expected ?? r.conflict.expected;
    return { ok: false, error: new ConcurrencyError(r.conflict.stream, expected, r.conflict.actual) };
  });
  return { results: plan, accepted: plan.map((r) => (r.ok ? resultAt(r, Number(first)) : undefined)) };
}

function translate(error: unknown): Error {
  if (error instanceof StoreUnavailableError) return error;
  return new StoreUnavailableError(`PostgreSQL event store failed: ${(error as Error).message}`, { cause: error });
}
