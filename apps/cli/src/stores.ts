import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  DataDirLock,
  KurrentDbEventStore,
  PostgresEventStore,
  SqliteEventStore,
  type EventStore,
} from '@sce/event-store';
import { PostgresDocStore, SqliteDocStore, type DocStore } from '@sce/projections';

/** Where the engine's state lives, by the same settings. */
export interface StoreLayout {
  store: string;
  readModels: string;
  dataDir: string;
  apiKeysFile: string;
}

/** The same settings as the engine (SCE_STORE, SCE_DATA_DIR, SCE_POSTGRES_URL, …), from the environment. */
export async function openStores(env: NodeJS.ProcessEnv = process.env): Promise<{
  events: EventStore;
  docs: () => Promise<DocStore>;
  lockDataDir: (what: string) => () => void;
  layout: StoreLayout;
}> {
  const store = env.SCE_STORE ?? 'sqlite';
  const dataDir = resolve(env.SCE_DATA_DIR ?? 'data');
  const pg = { connectionString: env.SCE_POSTGRES_URL ?? '', schema: env.SCE_POSTGRES_SCHEMA ?? 'sce' };
  const readModels = env.SCE_READ_MODELS ?? (store === 'postgres' ? 'postgres' : 'sqlite');
  if (store !== 'sqlite' && store !== 'postgres' && store !== 'kurrentdb')
    throw new Error(`SCE_STORE=${store} is not one of sqlite, postgres, kurrentdb`);
  mkdirSync(dataDir, { recursive: true });
  const events =
    store === 'postgres'
      ? await PostgresEventStore.connect(pg)
      : store === 'kurrentdb'
        ? KurrentDbEventStore.connect(env.SCE_KURRENTDB_URL ?? '')
        : new SqliteEventStore(join(dataDir, 'events.db'));
  const docs = async () =>
    readModels === 'postgres'
      ? PostgresDocStore.connect(pg.connectionString, pg.schema)
      : new SqliteDocStore(join(dataDir, 'read-models.db'));
  /** Writing to embedded read models takes the data directory from the engine (or fails, naming it). */
  const lockDataDir = (what: string) => {
    if (readModels !== 'sqlite') return () => undefined;
    const lock = DataDirLock.acquire(dataDir, `${what}, pid ${process.pid}`);
    return () => lock.release();
  };
  const layout = {
    store,
    readModels,
    dataDir,
    apiKeysFile: resolve(env.SCE_API_KEYS_FILE ?? join(dataDir, 'api-keys.json')),
  };
  return { events, docs, lockDataDir, layout };
}
