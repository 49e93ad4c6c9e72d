import type Database from 'better-sqlite3';
import { openSqlite, type Synchronous } from './open-sqlite';
import { EventEmitter } from 'node:events';
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
  ReadStreamsOptions,
  StoredEvent,
  StreamRead,
  StreamWrite,
} from '../event-store.port';
import { readAllInBatches } from '../read-all';
import { byStream, NO_STREAM } from '../event-store.port';
import { GroupCommit, type CommittedBatch } from '../group-commit';
import { toCommandRecord } from '../sql-rows';
import { fromEventText, toEventText } from './event-text';
import { checkSnapshot, readsPart } from '../partial-read';
import { migrateSqlite } from './sqlite-schema';
import { filteredQuery } from './sqlite-filters';
import { SqliteSnapshots } from './sqlite-snapshots';

/**
 * The embedded event store: one SQLite file in WAL mode, one writer (this process), appends
 * group-committed. Positions are the rowid, assigned in commit order, so the log has no gaps.
 */
export class SqliteEventStore implements EventStore {
  readonly name = 'sqlite';
  private readonly db: Database.Database;
  private readonly appended = new EventEmitter().setMaxListeners(0);
  private readonly commits = new GroupCommit((appends) => this.writeBatch(appends));
  private readonly q;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly snapshots: SqliteSnapshots;

  /**
   * `synchronous: 'full'` (the default) flushes the WAL at every group commit: nothing acknowledged
   * is lost even to a power cut. `'normal'` trades that for speed (a process crash still loses nothing).
   */
  constructor(path: string, { synchronous = 'full' }: { synchronous?: Synchronous } = {}) {
    this.db = openSqlite(path, synchronous);
    this.db.pragma('wal_autocheckpoint = 10000');
    migrateSqlite(this.db);
    const db = this.db;
    this.q = {
      revisions: db.prepare(
        // One writer: a stream's revision is its last event's, one seek on the (stream_id, revision)
        // index. (MAX ... GROUP BY stream_id walked every entry of the stream: slower as it grew.)
        `SELECT stream_id, revision FROM (
           SELECT value AS stream_id, (SELECT MAX(revision) FROM events WHERE stream_id = value) AS revision
           FROM json_each(?)
         ) WHERE revision IS NOT NULL`,
      ),
      ledger: db.prepare(
        'SELECT command_id, fingerprint, outcome FROM commands WHERE command_id IN (SELECT value FROM json_each(?))',
      ),
      head: db.prepare('SELECT COALESCE(MAX(position), 0) FROM events').pluck(),
      insertEvent: db.prepare('INSERT INTO events (position, stream_id, revision, type, event) VALUES (?, ?, ?, ?, ?)'),
      insertCommand: db.prepare(
        'INSERT OR IGNORE INTO commands (command_id, fingerprint, outcome, recorded_at) VALUES (?, ?, ?, ?)',
      ),
      findCommand: db.prepare('SELECT command_id, fingerprint, outcome FROM commands WHERE command_id = ?'),
      readStream: db.prepare('SELECT event FROM events WHERE stream_id = ? ORDER BY revision').pluck(),
      readStreams: db
        .prepare(
          'SELECT event FROM events WHERE stream_id IN (SELECT value FROM json_each(?)) ORDER BY stream_id, revision',
        )
        .pluck(),
      readBatch: db.prepare('SELECT event FROM events WHERE position > ? ORDER BY position LIMIT ?').pluck(),
    };
    this.snapshots = new SqliteSnapshots(db);
  }

  appendCommand({ commandId, fingerprint, writes }: CommandAppend) {
    return this.commits.submit({ commandId, fingerprint, writes });
  }

  append(writes: StreamWrite[]) {
    return this.commits.submit({ writes });
  }

  private writeBatch(appends: PendingAppend[]): CommittedBatch {
    const committed = this.guard(() =>
      this.db
        .transaction(() => {
          const streams = [...new Set(appends.flatMap((a) => a.writes.map((w) => w.stream)))];
          const current = new Map(
            (this.q.revisions.all(JSON.stringify(streams)) as { stream_id: string; revision: number }[]).map((r) => [
              r.stream_id,
              r.revision,
            ]),
          );
          const ids = appends.flatMap((a) => (a.commandId === undefined ? [] : [a.commandId]));
          const known = new Map(
            (this.q.ledger.all(JSON.stringify(ids)) as Parameters<typeof toCommandRecord>[0][]).map((r) => [
              r.command_id,
              toCommandRecord(r),
            ]),
          );
          const plan = planBatch(appends, current, known, eventId);
          const first = (this.q.head.get() as number) + 1;
          const now = new Date().toISOString();
          for (const { offset, id, stream, revision, event } of plan.events) {
            const position = first + offset;
            const { type, data, metadata } = event;
            const text = toEventText({ position, id, stream, revision, type, data, metadata, recordedAt: now });
            this.q.insertEvent.run(position, stream, revision, type, text);
          }
          const accepted = plan.results.map((r) => (r.ok ? resultAt(r, first) : undefined));
          for (const { index, commandId, fingerprint } of plan.ledger) {
            this.q.insertCommand.run(
              commandId,
              fingerprint,
              JSON.stringify({ status: 'accepted', ...accepted[index] }),
              now,
            );
          }
          return { results: plan.results, accepted, hadEvents: plan.events.length > 0 };
        })
        .immediate(),
    );
    if (committed.hadEvents) this.appended.emit('append');
    return committed;
  }

  async recordRejection(
    commandId: string,
    fingerprint: string,
    outcome: CommandOutcome & { status: 'rejected' },
  ): Promise<CommandRecord> {
    this.guard(() =>
      this.q.insertCommand.run(commandId, fingerprint, JSON.stringify(outcome), new Date().toISOString()),
    );
    return (await this.findCommand(commandId))!;
  }

  async findCommand(commandId: string): Promise<CommandRecord | null> {
    const row = this.guard(() => this.q.findCommand.get(commandId)) as
      Parameters<typeof toCommandRecord>[0] | undefined;
    return row ? toCommandRecord(row) : null;
  }

  async readStream(stream: string) {
    const events = (this.guard(() => this.q.readStream.all(stream)) as string[]).map(fromEventText);
    return { revision: events.length ? events[events.length - 1]!.revision : NO_STREAM, events };
  }

  async readStreams(streams: readonly string[], options?: ReadStreamsOptions): Promise<Map<string, StreamRead>> {
    if (readsPart(options)) return this.snapshots.readStreams(streams, options!).catch(unavailable);
    // Most commands read one stream past the cache: the plain index lookup skips json_each.
    const rows = this.guard(() =>
      streams.length === 1 ? this.q.readStream.all(streams[0]) : this.q.readStreams.all(JSON.stringify(streams)),
    ) as string[];
    return byStream(streams, rows.map(fromEventText));
  }

  async writeSnapshot(stream: string, revision: number, foldVersion: number, state: unknown): Promise<void> {
    checkSnapshot(stream, revision, foldVersion);
    this.guard(() => this.snapshots.write(stream, revision, foldVersion, state));
  }

  async readBatch(after: number, limit: number, filter?: EventFilter): Promise<StoredEvent[]> {
    if (!filter) return (this.guard(() => this.q.readBatch.all(after, limit)) as string[]).map(fromEventText);
    const { sql, params } = filteredQuery(after, limit, filter);
    return (this.guard(() => this.filtered(sql).all(...params)) as string[]).map(fromEventText);
  }

  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent[]> {
    return readAllInBatches((after, limit, filter) => this.readBatch(after, limit, filter), options);
  }

  /** The durability the connection runs with, as SQLite reports it. */
  get synchronous(): Synchronous {
    return this.db.pragma('synchronous', { simple: true }) === 2 ? 'full' : 'normal';
  }

  async headPosition(): Promise<number> {
    return this.guard(() => this.q.head.get() as number);
  }

  waitForAppend(position: number, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.appended.off('append', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.appended.on('append', done);
      if ((this.q.head.get() as number) > position) done();
    });
  }

  async close(): Promise<void> {
    this.db.close();
  }

  /** Filtered reads come in a few shapes (types, categories, both): prepare each shape once. */
  private filtered(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql).pluck()));
    return statement;
  }

  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      return unavailable(error);
    }
  }
}

function unavailable(error: unknown): never {
  throw new StoreUnavailableError(`SQLite event store failed: ${(error as Error).message}`, { cause: error });
}
