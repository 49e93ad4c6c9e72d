import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';

/**
 * A consistent copy of a SQLite database that an engine may be writing to. `VACUUM INTO` reads one
 * snapshot in one read transaction, so the writer is never blocked and, unlike the page-by-page
 * backup API, a busy writer cannot make it start over forever. The copy is compacted, in WAL mode.
 */
export function backupSqlite(from: string, to: string): void {
  if (existsSync(to)) throw new Error(`${to} exists: a backup never overwrites a file`);
  const db = new Database(from, { readonly: true, fileMustExist: true });
  try {
    db.prepare('VACUUM INTO ?').run(to);
  } finally {
    db.close();
  }
}
