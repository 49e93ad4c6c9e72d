import { join } from 'node:path';
import { ApiKeys, PostgresApiKeyStore, SqliteApiKeyStore } from '@sce/access';
import {
  DataDirLock,
  KurrentDbEventStore,
  PostgresEventStore,
  privateDir,
  SqliteEventStore,
  type EventStore,
} from '@sce/event-store';
import { PostgresDocStore, SqliteDocStore, type DocStore } from '@sce/projections';
import type { EngineConfig } from './config';

/** The embedded files of a data directory. */
export const dataFiles = (dataDir: string) => ({
  events: join(dataDir, 'events.db'),
  readModels: join(dataDir, 'read-models.db'),
  keys: join(dataDir, 'keys.db'),
});

/** The event store the configuration names, as the engine, the CLI and the benchmarks all open it. */
export async function openEventStore(config: EngineConfig): Promise<EventStore> {
  if (config.store === 'postgres')
    return PostgresEventStore.connect({
      connectionString: config.postgresUrl,
      schema: config.postgresSchema,
      poolSize: config.postgresPoolSize,
    });
  if (config.store === 'kurrentdb') return KurrentDbEventStore.connect(config.kurrentDbUrl);
  privateDir(config.dataDir);
  return new SqliteEventStore(dataFiles(config.dataDir).events, { synchronous: config.sqliteSynchronous });
}

/** The read models' store the configuration names (SQLite beside the log, or PostgreSQL). */
export async function openDocStore(config: EngineConfig): Promise<DocStore> {
  if (config.readModels === 'postgres') return PostgresDocStore.connect(config.postgresUrl, config.postgresSchema);
  privateDir(config.dataDir);
  return new SqliteDocStore(dataFiles(config.dataDir).readModels);
}

/** The API keys, in the PostgreSQL schema or the data directory; the old JSON key file is taken in. */
export async function openApiKeys(config: EngineConfig): Promise<ApiKeys> {
  const store =
    config.keyStore === 'postgres'
      ? await PostgresApiKeyStore.connect(config.postgresUrl, config.postgresSchema)
      : (privateDir(config.dataDir), new SqliteApiKeyStore(dataFiles(config.dataDir).keys));
  const keys = new ApiKeys(store);
  await keys.importFile(config.legacyKeysFile);
  return keys;
}

/**
 * The embedded stores' directory is one engine's alone (the SQLite stores assume one writer):
 * taken before anything opens it, so a second engine or `cli rebuild` stops at once and says which
 * process has it. Undefined when nothing of the configuration is embedded.
 */
export function lockDataDir(config: EngineConfig, holder: string): DataDirLock | undefined {
  if (config.store !== 'sqlite' && config.readModels !== 'sqlite') return undefined;
  return DataDirLock.acquire(config.dataDir, holder);
}
