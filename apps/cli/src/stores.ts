import { DataDirLock, type EventStore } from '@sce/event-store';
import type { DocStore } from '@sce/projections';
import { openDocStore, openEventStore, type EngineConfig } from '@sce/runtime';

/** The stores of the engine `config` describes, opened as the engine opens them. */
export async function openStores(config: EngineConfig): Promise<{
  events: EventStore;
  docs: () => Promise<DocStore>;
  /** Writing to embedded read models takes the data directory from the engine (or fails, naming it). */
  lockDataDir: (what: string) => () => void;
}> {
  const events = await openEventStore(config);
  return {
    events,
    docs: () => openDocStore(config),
    lockDataDir: (what) => {
      if (config.readModels !== 'sqlite') return () => undefined;
      const lock = DataDirLock.acquire(config.dataDir, `${what}, pid ${process.pid}`);
      return () => lock.release();
    },
  };
}
