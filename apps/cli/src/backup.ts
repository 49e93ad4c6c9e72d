import { backupSqlite, privateDir } from '@sce/event-store';
import type { EngineConfig } from '@sce/runtime';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** What a backup needs to know of the configuration. */
export type StoreLayout = Pick<EngineConfig, 'store' | 'readModels' | 'keyStore' | 'dataDir'>;

/**
 * Copies an embedded engine's state into `out` while it runs: the event log, the read models and
 * the API keys. `out` then works as an SCE_DATA_DIR. What lives in PostgreSQL is pg_dump's job.
 * Returns the lines to print.
 */
export async function backup(
  layout: StoreLayout,
  out: string,
  copy: (from: string, to: string) => void | Promise<void> = backupSqlite,
): Promise<string[]> {
  const target = resolve(out);
  if (existsSync(target) && readdirSync(target).length)
    throw new Error(`${target} is not empty: a backup goes into a new or empty directory`);
  const said: string[] = [];
  const copies: [string, string][] = [];
  // Read models first: their checkpoint then never passes the head of the log copied after them.
  if (layout.readModels === 'sqlite') copies.push(['read-models.db', 'the read models']);
  else said.push('the read models are in PostgreSQL: back them up with pg_dump, or rebuild them from the log');
  if (layout.store === 'sqlite') copies.push(['events.db', 'the event log']);
  else said.push(`the event store is ${layout.store}: back it up with its own tools (pg_dump for PostgreSQL)`);
  if (layout.keyStore === 'sqlite' && existsSync(join(layout.dataDir, 'keys.db')))
    copies.push(['keys.db', 'the API keys']);
  if (!copies.length) throw new Error(said.join('; '));
  privateDir(target);
  for (const [file, what] of copies) {
    await copy(join(layout.dataDir, file), join(target, file));
    said.push(`${what}: ${join(target, file)}`);
  }
  said.push(`restore: stop the engine, then start it with SCE_DATA_DIR=${target}`);
  return said;
}
