import type Database from 'better-sqlite3';
import { openSqlite } from '@sce/event-store';
import { timerCommandId, type Timer } from '@sce/domain';
import {
  rearmedDeadline,
  TimerCheckpointMoved,
  type DueTimer,
  type Settled,
  type TimerOp,
  type TimerStore,
} from './timer-store';

/** Timer rows as both SQL stores keep them; deadlines are canonical UTC text, so text order is time order. */
type Row = {
  id: string;
  kind: string;
  subject: string;
  deadline: string;
  command: string;
  status: string;
  code: string | null;
};

export const toDue = (row: Row): DueTimer =>
  ({
    id: row.id,
    kind: row.kind,
    subject: row.subject,
    deadline: row.deadline,
    command: typeof row.command === 'string' ? JSON.parse(row.command) : row.command,
  }) as DueTimer;

/**
 * The pending deadlines in the embedded store's own file (a second connection on `events.db`, or
 * a file of their own beside a store that has no SQL), in WAL mode. One process writes it.
 */
export class SqliteTimerStore implements TimerStore {
  private readonly db: Database.Database;
  private readonly q;

  constructor(path: string) {
    // Not flushed at each commit: the table is derived from the log, and its checkpoint commits with
    // it, so a tail lost to a power cut is derived again; a lost settle fires again, and the ledger
    // answers that firing with its first outcome. (The store's next flushed commit flushes it too.)
    this.db = openSqlite(path, 'normal');
    // The timer queries touch the pending index and a few rows: 8 MiB of pages, not the store's 64.
    this.db.pragma('cache_size = -8192');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS timers (
        id TEXT PRIMARY KEY, kind TEXT NOT NULL, subject TEXT NOT NULL, deadline TEXT NOT NULL,
        command TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'pending', code TEXT
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS timers_pending ON timers (deadline) WHERE status = 'pending';
      CREATE INDEX IF NOT EXISTS timers_subject ON timers (subject, kind);
      CREATE TABLE IF NOT EXISTS timer_checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL);
      INSERT OR IGNORE INTO timer_checkpoint VALUES (1, 0);`);
    const db = this.db;
    this.q = {
      checkpoint: db.prepare('SELECT position FROM timer_checkpoint WHERE id = 1').pluck(),
      move: db.prepare('UPDATE timer_checkpoint SET position = ? WHERE id = 1 AND position = ?'),
      arm: db.prepare(
        'INSERT INTO timers (id, kind, subject, deadline, command) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ),
      first: db.prepare('SELECT MIN(deadline) FROM timers WHERE subject = ? AND kind = ?').pluck(),
      end: db.prepare("UPDATE timers SET status = 'ended' WHERE subject = ? AND kind = ? AND status = 'pending'"),
      due: db.prepare("SELECT * FROM timers WHERE status = 'pending' AND deadline <= ? ORDER BY deadline, id LIMIT ?"),
      next: db.prepare("SELECT MIN(deadline) FROM timers WHERE status = 'pending'").pluck(),
      settle: db.prepare("UPDATE timers SET status = ?, code = ? WHERE id = ? AND status = 'pending'"),
      counts: db.prepare(
        "SELECT COUNT(*) AS pending, COALESCE(SUM(deadline <= ?), 0) AS overdue FROM timers WHERE status = 'pending'",
      ),
      ofSubject: db.prepare('SELECT * FROM timers WHERE subject = ? ORDER BY deadline, kind'),
    };
  }

  async checkpoint(): Promise<number> {
    return this.q.checkpoint.get() as number;
  }

  async apply(ops: TimerOp[], from: number, to: number): Promise<void> {
    this.db
      .transaction(() => {
        if (this.q.move.run(to, from).changes === 0)
          throw new TimerCheckpointMoved(from, this.q.checkpoint.get() as number);
        for (const op of ops) {
          if ('fired' in op) this.q.settle.run('accepted', null, op.fired);
          else if ('end' in op) this.q.end.run(op.end.subject, op.end.kind);
          else this.arm(op.arm);
        }
      })
      .immediate();
  }

  private arm(timer: Timer): void {
    const deadline = timer.rearm
      ? rearmedDeadline(timer, this.q.first.get(timer.subject, timer.kind) as string | null)
      : timer.deadline;
    if (deadline === null) return;
    const id = timerCommandId({ ...timer, deadline });
    this.q.arm.run(id, timer.kind, timer.subject, deadline, JSON.stringify(timer.command));
  }

  async due(until: string, limit: number): Promise<DueTimer[]> {
    return (this.q.due.all(until, limit) as Row[]).map(toDue);
  }

  async nextDeadline(): Promise<string | null> {
    return (this.q.next.get() as string | null) ?? null;
  }

  async settle(fired: Settled[]): Promise<void> {
    this.db.transaction(() => {
      for (const { id, status, code } of fired) this.q.settle.run(status, code, id);
    })();
  }

  async counts(now: string) {
    const { pending, overdue } = this.q.counts.get(now) as { pending: number; overdue: number };
    return { pending, overdue };
  }

  async ofSubject(subject: string) {
    return (this.q.ofSubject.all(subject) as Row[]).map((row) => ({
      ...toDue(row),
      status: row.status as 'pending',
      code: row.code,
    }));
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
