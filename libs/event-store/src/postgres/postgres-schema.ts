import type { PoolClient } from 'pg';
import { SCE_APPEND } from './postgres-append.sql';

/** Schema versions, applied in order on start under an advisory lock; never edited once applied. */
const MIGRATIONS: { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE events (
        position    bigint PRIMARY KEY,
        event_id    uuid NOT NULL UNIQUE,
        stream_id   text NOT NULL,
        revision    bigint NOT NULL,
        type        text NOT NULL,
        data        jsonb NOT NULL,
        metadata    jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (stream_id, revision)
      );
      CREATE TABLE streams (stream_id text PRIMARY KEY, revision bigint NOT NULL);
      CREATE TABLE commands (
        command_id  text PRIMARY KEY,
        fingerprint text NOT NULL,
        outcome     jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      );
      -- One row: the last position handed out. Updated just before COMMIT, its row lock orders
      -- commits, so positions become visible in order and a reader never sees a gap fill in later.
      CREATE TABLE log_head (id int PRIMARY KEY CHECK (id = 1), position bigint NOT NULL);
      INSERT INTO log_head VALUES (1, 0);`,
  },
  { version: 2, sql: SCE_APPEND },
  // v3: the same function, its loops on the fast expression path (CREATE OR REPLACE).
  { version: 3, sql: SCE_APPEND },
  // v4: planned per call (a generic plan made on small tables kept scanning them as they grew).
  { version: 4, sql: SCE_APPEND },
  // v5: plans cached again, with sequential scans off instead (planning per call cost c1 latency).
  { version: 5, sql: SCE_APPEND },
  // v6: snapshots of folded stream states (ADR 16), a cache beside the log: one per stream and fold
  // version, replaced only by a later one. Never read by readAll; dropping the rows loses only time.
  {
    version: 6,
    sql: `
      CREATE TABLE snapshots (
        stream_id    text NOT NULL,
        fold_version int NOT NULL,
        revision     bigint NOT NULL,
        state        jsonb NOT NULL,
        written_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (stream_id, fold_version)
      );`,
  },
  // v7: the same function with fewer statements: streams locked and read in one, only the changed
  // ones updated, each ledger entry's positions from its first event's offset and count.
  { version: 7, sql: SCE_APPEND },
];

export async function migratePostgres(client: PoolClient, schema: string): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [schemaLockKey(schema)]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    for (const { version, sql } of MIGRATIONS) {
      if (applied.has(version)) continue;
      await client.query(sql);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/**
 * The advisory lock every store takes while it creates or changes tables in `schema`: concurrent
 * CREATE … IF NOT EXISTS of one name collide in PostgreSQL's catalogs instead of waiting.
 */
export function schemaLockKey(schema: string): string {
  return `sce-migrate:${schema}`;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
