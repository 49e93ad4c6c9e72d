import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { privateFile } from './private-files';

/** Another process holds the data directory: what it said about itself when it took it. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: string,
  ) {
    super(
      `the data directory ${dir} is in use by ${holder}. Stop it, or give this process its own SCE_DATA_DIR; ` +
        'several engines share one store on PostgreSQL (SCE_STORE=postgres).',
    );
  }
}

/**
 * One writer per embedded data directory. The SQLite stores assume a single writing process: the
 * cached stream states, the append wake-ups, the projection runner and the Kafka publisher all
 * live in it. The lock is SQLite's own lock on `engine.lock`, held by an open exclusive
 * transaction: the OS drops it when the process ends, SIGKILL included, so no stale lock is ever
 * left to clear by hand.
 */
export class DataDirLock {
  // better-sqlite3 closes a connection that is garbage-collected, which would drop the lock while
  // the process still runs: a held lock stays referenced here until it is released.
  private static readonly held = new Set<DataDirLock>();

  private constructor(private readonly db: Database.Database) {}

  /** Takes the directory or throws DataDirInUseError at once; `holder` says who has it (pid, role). */
  static acquire(dir: string, holder: string): DataDirLock {
    privateFile(join(dir, 'engine.lock'));
    const db = new Database(join(dir, 'engine.lock'), { timeout: 0 });
    try {
      db.exec('BEGIN EXCLUSIVE');
    } catch (error) {
      db.close();
      if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
      throw new DataDirInUseError(dir, holderOf(dir));
    }
    writeFileSync(join(dir, 'engine.lock.holder'), holder, { mode: 0o600 });
    const lock = new DataDirLock(db);
    DataDirLock.held.add(lock);
    return lock;
  }

  release(): void {
    DataDirLock.held.delete(this);
    if (this.db.open) this.db.close(); // closing rolls the transaction back and drops the lock
  }
}

function holderOf(dir: string): string {
  try {
    return readFileSync(join(dir, 'engine.lock.holder'), 'utf8').trim();
  } catch {
    return 'another process';
  }
}
