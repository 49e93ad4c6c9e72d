import type { Database } from 'better-sqlite3';

/** Schema versions, applied in order on open; an applied version is never edited, only followed. */
const MIGRATIONS: { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE events (
        position    INTEGER PRIMARY KEY,
        event_id    TEXT NOT NULL,
        stream_id   TEXT NOT NULL,
        revision    INTEGER NOT NULL,
        type        TEXT NOT NULL,
        data        TEXT NOT NULL,
        metadata    TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        UNIQUE (stream_id, revision)
      );
      CREATE TABLE commands (
        command_id  TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        outcome     TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      ) WITHOUT ROWID;`,
  },
  {
    // Each event is kept as the one JSON text a read returns (event-text.ts): a read is one string
    // and one parse per event instead of seven columns, which SQLite and the driver paid for per
    // column. stream_id, revision and type stay columns too, for the indexes and the filters.
    version: 2,
    sql: `
      CREATE TABLE events_v2 (
        position  INTEGER PRIMARY KEY,
        stream_id TEXT NOT NULL,
        revision  INTEGER NOT NULL,
        type      TEXT NOT NULL,
        event     TEXT NOT NULL,
        UNIQUE (stream_id, revision)
      );
      INSERT INTO events_v2 (position, stream_id, revision, type, event)
        SELECT position, stream_id, revision, type,
               json_array(position, event_id, stream_id, revision, type, json(data), json(metadata), recorded_at)
        FROM events ORDER BY position;
      DROP TABLE events;
      ALTER TABLE events_v2 RENAME TO events;`,
  },
  {
    // Snapshots of folded stream states (ADR 16): a cache beside the log, one per stream and fold
    // version, replaced by later ones. Dropping the table loses nothing but time.
    version: 3,
    sql: `
      CREATE TABLE snapshots (
        stream_id    TEXT NOT NULL,
        fold_version INTEGER NOT NULL,
        revision     INTEGER NOT NULL,
        state        TEXT NOT NULL,
        written_at   TEXT NOT NULL,
        PRIMARY KEY (stream_id, fold_version)
      ) WITHOUT ROWID;`,
  },
];

/** Brings `db` to the latest schema version (or to `until`, for tests of a migration). */
export function migrateSqlite(db: Database, until = MIGRATIONS.length): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  const apply = db.transaction((version: number, sql: string) => {
    db.exec(sql);
    db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(
      version,
      new Date().toISOString(),
    );
  });
  for (const { version, sql } of MIGRATIONS)
    if (version <= until && !applied.has(version)) apply.immediate(version, sql);
}
