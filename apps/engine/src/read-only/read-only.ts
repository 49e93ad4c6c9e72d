import { Inject, Injectable, type CanActivate } from '@nestjs/common';
import type { TimerStore } from '@sce/application';
import type { EventStore, ReadAllOptions, StoredEvent } from '@sce/event-store';
import { staleProjections, type DocStore } from '@sce/projections';
import { ConfigError, dataFiles, openDocStore, type EngineConfig } from '@sce/runtime';
import { existsSync } from 'node:fs';
import { CONFIG } from '../tokens';

/**
 * What a read-only engine (SCE_READ_ONLY=true) answers to a write: 405 Method Not Allowed, code
 * `engine.read-only`. A 4xx, not a 503: retrying never helps, this engine will never take it.
 */
export class ReadOnlyEngine extends Error {
  readonly code = 'engine.read-only';

  constructor(what: string) {
    super(
      `this engine is read-only (SCE_READ_ONLY=true): it serves the read models of its data directory and takes no ${what}; send it to an engine that has the event log`,
    );
  }
}

/** Refuses a route's every request on a read-only engine: commands, rebuilds, the test clock. */
@Injectable()
export class WritableEngine implements CanActivate {
  constructor(@Inject(CONFIG) private readonly config: EngineConfig) {}

  canActivate(): boolean {
    if (this.config.readOnly) throw new ReadOnlyEngine('commands, rebuilds or clock changes');
    return true;
  }
}

/**
 * The read models of the data directory, as a read-only engine serves them.
 * @throws ConfigError when there are none, or when this code's projections would build them otherwise.
 */
export async function openServedDocs(config: EngineConfig): Promise<DocStore> {
  const file = dataFiles(config.dataDir).readModels;
  if (!existsSync(file))
    throw new ConfigError([
      `SCE_READ_ONLY=true: no read models in ${file}; write them with npm run cli -- replay --until POSITION|TIME --out ${config.dataDir}`,
    ]);
  const docs = await openDocStore(config);
  const stale = await staleProjections(docs);
  if (!stale.length) return docs;
  await docs.close();
  throw new ConfigError([
    `SCE_READ_ONLY=true: the read models in ${file} were built by other versions of ${stale.join(', ')} than this engine's: replay them again with this code`,
  ]);
}

const refused = (): Promise<never> => Promise.reject(new ReadOnlyEngine('commands'));

/**
 * The log as a read-only engine knows it: it ends where the read models it serves end, and
 * nothing can be read from it or written to it (there is no log: the engine never opened one).
 */
export class ServedLog implements EventStore {
  readonly name = 'none (read-only)';

  constructor(private readonly position: number) {}

  headPosition = (): Promise<number> => Promise.resolve(this.position);
  appendCommand = refused;
  append = refused;
  recordRejection = refused;
  findCommand = refused;
  readStream = refused;
  readStreams = refused;
  writeSnapshot = refused;
  readBatch = (): Promise<StoredEvent[]> => refused();
  readAll(_options?: ReadAllOptions): AsyncIterable<StoredEvent[]> {
    return { [Symbol.asyncIterator]: () => ({ next: refused }) };
  }
  waitForAppend = (_position: number, timeoutMs: number): Promise<void> =>
    new Promise((resolve) => setTimeout(resolve, timeoutMs));
  close = (): Promise<void> => Promise.resolve();
}

/** A read-only engine keeps no timers: nothing fires, nothing is armed. */
export const NO_TIMERS: TimerStore = {
  checkpoint: refused,
  apply: refused,
  due: refused,
  nextDeadline: refused,
  settle: refused,
  counts: refused,
  ofSubject: refused,
  close: () => Promise.resolve(),
};
