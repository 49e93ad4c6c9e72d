import Database from 'better-sqlite3';

/**
 * A SQLite database as the engine uses them: WAL (readers never block the writer), synchronous
 * NORMAL (a process crash loses nothing committed; a power cut may lose the last transactions),
 * a 64 MiB page cache, and a wait instead of SQLITE_BUSY when another process holds the lock.
 */
export function openSqlite(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536');
  return db;
}
