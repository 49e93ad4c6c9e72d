import Database from 'better-sqlite3';
import { privateFile } from './private-files';

/**
 * How a commit reaches the disk. `full`: the WAL is flushed (fsync) at every commit, so a power cut
 * loses nothing committed. `normal`: flushed at checkpoints only; a process crash still loses
 * nothing, a power cut or OS crash may lose the last commits.
 */
export type Synchronous = 'full' | 'normal';

/**
 * A SQLite database as the engine uses them: WAL (readers never block the writer), `synchronous`
 * as asked (NORMAL unless told otherwise), a 16 MiB page cache, and a wait instead of SQLITE_BUSY
 * when another process holds the lock. The pages past the cache come from the OS's file cache:
 * 64 MiB per connection made the engine's catch-up of 1,000,000 events peak at 414 MiB against 307,
 * no faster, and the read routes no faster either (bench/README.md).
 */
export function openSqlite(path: string, synchronous: Synchronous = 'normal'): Database.Database {
  if (path !== ':memory:') privateFile(path);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -16384');
  return db;
}
