import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The engine's files hold buyers' ids and addresses and the API keys: a directory it creates is
 * 0700, a file 0600. SQLite gives a database's -wal and -shm files the database file's own mode,
 * so creating the database file first, private, is enough.
 */
export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/** Creates `path` (and its directory) private if it does not exist yet; an existing file keeps its mode. */
export function privateFile(path: string): void {
  privateDir(dirname(path));
  closeSync(openSync(path, 'a', 0o600));
}
