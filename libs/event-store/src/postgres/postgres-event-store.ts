import { Pool, type PoolClient, type QueryResultRow } from 'pg';
import { planBatch, resultAt, type PendingAppend } from '../append-plan';
import { StoreUnavailableError } from '../errors';
import { eventId } from '../event-id';
import type {
  CommandAppend,
  CommandOutcome,
  CommandRecord,
  EventFilter,
  EventStore,
  ReadAllOptions,
  StoredEvent,
  StreamWrite,
} from '../event-store.port';
import { NO_STREAM } from '../event-store.port';
import { GroupCommit, type CommittedBatch } from '../group-commit';
import { toCommandRecord, toStoredEvent, type EventRow } from '../sql-rows';
import { PostgresNotifications } from './postgres-notifications';
import { migratePostgres, quoteIdent } from './postgres-schema';

const COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata, recorded_at';
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
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.transaction((client) => this.writeIn(client, appends));
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (!(code && TRANSIENT.has(code)) || attempt >= 5) throw translate(error);
      }
    }
  }

  private async writeIn(client: PoolClient, appends: PendingAppend[]): Promise<CommittedBatch> {
    const streams = [...new Set(appends.flatMap((a) => a.writes.map((w) => w.stream)))].sort();
    // Placeholder rows give new streams a row to lock; locking in one order avoids deadlocks.
    await client.query(
      'INSERT INTO streams (stream_id, revision) SELECT s, -1 FROM unnest($1::text[]) s ORDER BY s ON CONFLICT DO NOTHING',
      [streams],
    );
    const locked = await client.query<{ stream_id: string; revision: string }>(
      'SELECT stream_id, revision FROM streams WHERE stream_id = ANY($1) ORDER BY stream_id FOR UPDATE',
      [streams],
    );
    const current = new Map(
      locked.rows.filter((r) => Number(r.revision) >= 0).map((r) => [r.stream_id, Number(r.revision)]),
    );
    const ids = appends.flatMap((a) => (a.commandId === undefined ? [] : [a.commandId]));
    const ledgerRows = ids.length
      ? (await client.query('SELECT command_id, fingerprint, outcome FROM commands WHERE command_id = ANY($1)', [ids]))
          .rows
      : [];
    const known = new Map(ledgerRows.map((r) => [r.command_id as string, toCommandRecord(r)]));
    const plan = planBatch(appends, current, known, eventId);
    if (!plan.events.length) return { results: plan.results, accepted: plan.results.map(() => undefined) };

    await client.query(
      'UPDATE streams SET revision = v.revision FROM unnest($1::text[], $2::bigint[]) v(stream_id, revision) WHERE streams.stream_id = v.stream_id',
      [[...plan.revisions.keys()], [...plan.revisions.values()]],
    );
    const e = plan.events;
    const head = await client.query<{ first: string }>(
      `WITH head AS (UPDATE log_head SET position = position + $1 RETURNING position - $1 + 1 AS first),
            written AS (
              INSERT INTO events (position, event_id, stream_id, revision, type, data, metadata)
              SELECT head.first + v.ord, v.id, v.stream, v.revision, v.type, v.data, v.metadata
              FROM head, unnest($2::int[], $3::uuid[], $4::text[], $5::bigint[], $6::text[], $7::jsonb[], $8::jsonb[])
                AS v(ord, id, stream, revision, type, data, metadata))
       SELECT first FROM head`,
      [
        e.length,
        e.map((x) => x.offset),
        e.map((x) => x.id),
        e.map((x) => x.stream),
        e.map((x) => x.revision),
        e.map((x) => x.event.type),
        e.map((x) => JSON.stringify(x.event.data)),
        e.map((x) => JSON.stringify(x.event.metadata)),
      ],
    );
    const first = Number(head.rows[0]!.first);
    const accepted = plan.results.map((r) => (r.ok ? resultAt(r, first) : undefined));
    if (plan.ledger.length) {
      await client.query(
        'INSERT INTO commands (command_id, fingerprint, outcome) SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[])',
        [
          plan.ledger.map((l) => l.commandId),
          plan.ledger.map((l) => l.fingerprint),
          plan.ledger.map((l) => JSON.stringify({ status: 'accepted', ...accepted[l.index] })),
        ],
      );
    }
    await client.query('SELECT pg_notify($1, $2)', [this.notifications.channel, String(first + e.length - 1)]);
    return { results: plan.results, accepted };
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
    );
    return rows[0] ? toCommandRecord(rows[0]) : null;
  }

  async readStream(stream: string) {
    const { rows } = await this.query<EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = $1 ORDER BY revision`,
      [stream],
    );
    const events = rows.map(toStoredEvent);
    return { revision: events.length ? events[events.length - 1]!.revision : NO_STREAM, events };
  }

  async readBatch(after: number, limit: number, filter?: EventFilter): Promise<StoredEvent[]> {
    const where = ['position > $1'];
    const params: unknown[] = [after, limit];
    if (filter?.eventTypes) where.push(`type = ANY($${params.push(filter.eventTypes)})`);
    if (filter?.categories) where.push(`split_part(stream_id, '-', 1) = ANY($${params.push(filter.categories)})`);
    const { rows } = await this.query<EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT $2`,
      params,
    );
    return rows.map(toStoredEvent);
  }

  async *readAll({ after = 0, batchSize = 5000, filter }: ReadAllOptions = {}): AsyncIterable<StoredEvent[]> {
    for (let from = after; ;) {
      const batch = await this.readBatch(from, batchSize, filter);
      if (!batch.length) return;
      yield batch;
      from = batch[batch.length - 1]!.position;
    }
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

  private async query<R extends QueryResultRow = QueryResultRow>(sql: string, params: unknown[] = []) {
    try {
      return await this.pool.query<R>(sql, params);
    } catch (error) {
      throw translate(error);
    }
  }

  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

function translate(error: unknown): Error {
  if (error instanceof StoreUnavailableError) return error;
  return new StoreUnavailableError(`PostgreSQL event store failed: ${(error as Error).message}`, { cause: error });
}
