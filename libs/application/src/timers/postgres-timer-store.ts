import { timerCommandId, type Timer } from '@sce/domain';
import { inPostgresTransaction, schemaLockKey } from '@sce/event-store';
import { Pool, type PoolClient } from 'pg';
import { toDue } from './sqlite-timer-store';
import { rearmedDeadline, TimerCheckpointMoved, type Settled, type TimerOp, type TimerStore } from './timer-store';

// Deadlines are canonical UTC text, compared byte by byte ("C"): the database's own collation may
// weigh punctuation differently.
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS timers (
    id text PRIMARY KEY, kind text NOT NULL, subject text NOT NULL, deadline text COLLATE "C" NOT NULL,
    command jsonb NOT NULL, status text NOT NULL DEFAULT 'pending', code text
  );
  CREATE INDEX IF NOT EXISTS timers_pending ON timers (deadline) WHERE status = 'pending';
  CREATE INDEX IF NOT EXISTS timers_subject ON timers (subject, kind);
  CREATE TABLE IF NOT EXISTS timer_checkpoint (id int PRIMARY KEY CHECK (id = 1), position bigint NOT NULL);
  INSERT INTO timer_checkpoint VALUES (1, 0) ON CONFLICT DO NOTHING;`;

/**
 * The pending deadlines in the event store's PostgreSQL schema, shared by the engines on it. Only
 * the one that projects derives and fires them; the checkpoint's compare-and-set keeps a second
 * one from applying a batch twice, and the ledger makes a timer fired twice harmless.
 */
export class PostgresTimerStore implements TimerStore {
  private constructor(private readonly pool: Pool) {}

  static async connect(connectionString: string, schema = 'public'): Promise<PostgresTimerStore> {
    const pool = new Pool({ connectionString, max: 4, options: `-c search_path="${schema.replace(/"/g, '""')}"` });
    pool.on('error', () => undefined);
    await inPostgresTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [schemaLockKey(schema)]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '""')}"`);
      await client.query(SCHEMA);
    });
    return new PostgresTimerStore(pool);
  }

  async checkpoint(): Promise<number> {
    const { rows } = await this.pool.query<{ position: string }>('SELECT position FROM timer_checkpoint WHERE id = 1');
    return Number(rows[0]!.position);
  }

  async apply(ops: TimerOp[], from: number, to: number): Promise<void> {
    await inPostgresTransaction(this.pool, async (client) => {
      const moved = await client.query('UPDATE timer_checkpoint SET position = $1 WHERE id = 1 AND position = $2', [
        to,
        from,
      ]);
      if (moved.rowCount === 0) {
        const { rows } = await client.query<{ position: string }>('SELECT position FROM timer_checkpoint');
        throw new TimerCheckpointMoved(from, Number(rows[0]!.position));
      }
      const fired = ops.flatMap((op) => ('fired' in op ? [op.fired] : []));
      if (fired.length)
        await client.query("UPDATE timers SET status = 'accepted' WHERE id = ANY($1) AND status = 'pending'", [fired]);
      // Arms, then re-arms, then ends: no event ends a timer of a kind and subject armed after it
      // (each is armed once, or re-armed only until the order completes), so this order is the log's.
      const arms = ops.flatMap((op) => ('arm' in op && !op.arm.rearm ? [row(op.arm, op.arm.deadline)] : []));
      if (arms.length)
        await client.query(
          `INSERT INTO timers (id, kind, subject, deadline, command)
           SELECT id, kind, subject, deadline, command FROM jsonb_to_recordset($1::jsonb)
             AS t(id text, kind text, subject text, deadline text, command jsonb)
           ON CONFLICT DO NOTHING`,
          [JSON.stringify(arms)],
        );
      for (const op of ops) if ('arm' in op && op.arm.rearm) await rearm(client, op.arm);
      const ends = ops.flatMap((op) => ('end' in op ? [op.end] : []));
      if (ends.length)
        await client.query(
          `UPDATE timers SET status = 'ended' FROM jsonb_to_recordset($1::jsonb) AS e(subject text, kind text)
           WHERE timers.subject = e.subject AND timers.kind = e.kind AND timers.status = 'pending'`,
          [JSON.stringify(ends)],
        );
    });
  }

  async due(until: string, limit: number) {
    const { rows } = await this.pool.query(
      "SELECT * FROM timers WHERE status = 'pending' AND deadline <= $1 ORDER BY deadline, id LIMIT $2",
      [until, limit],
    );
    return rows.map(toDue);
  }

  async nextDeadline(): Promise<string | null> {
    const { rows } = await this.pool.query<{ next: string | null }>(
      "SELECT MIN(deadline) AS next FROM timers WHERE status = 'pending'",
    );
    return rows[0]?.next ?? null;
  }

  async settle(fired: Settled[]): Promise<void> {
    if (!fired.length) return;
    await this.pool.query(
      `UPDATE timers SET status = s.status, code = s.code
       FROM jsonb_to_recordset($1::jsonb) AS s(id text, status text, code text)
       WHERE timers.id = s.id AND timers.status = 'pending'`,
      [JSON.stringify(fired)],
    );
  }

  async counts(now: string) {
    const { rows } = await this.pool.query<{ pending: string; overdue: string }>(
      "SELECT COUNT(*) AS pending, COUNT(*) FILTER (WHERE deadline <= $1) AS overdue FROM timers WHERE status = 'pending'",
      [now],
    );
    return { pending: Number(rows[0]!.pending), overdue: Number(rows[0]!.overdue) };
  }

  async ofSubject(subject: string) {
    const { rows } = await this.pool.query('SELECT * FROM timers WHERE subject = $1 ORDER BY deadline, kind', [
      subject,
    ]);
    return rows.map((row) => ({ ...toDue(row), status: row.status, code: row.code }));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

const row = (timer: Timer, deadline: string) => ({
  id: timerCommandId({ ...timer, deadline }),
  kind: timer.kind,
  subject: timer.subject,
  deadline,
  command: timer.command,
});

async function rearm(client: PoolClient, timer: Timer): Promise<void> {
  const { rows } = await client.query<{ first: string | null }>(
    'SELECT MIN(deadline) AS first FROM timers WHERE subject = $1 AND kind = $2',
    [timer.subject, timer.kind],
  );
  const deadline = rearmedDeadline(timer, rows[0]?.first ?? null);
  if (deadline === null) return;
  const { id, kind, subject, command } = row(timer, deadline);
  await client.query(
    'INSERT INTO timers (id, kind, subject, deadline, command) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
    [id, kind, subject, deadline, JSON.stringify(command)],
  );
}
