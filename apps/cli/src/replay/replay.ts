import { DataDirLock, privateDir, type EventStore } from '@sce/event-store';
import { replayFresh, SqliteDocStore, type ReplayedTo } from '@sce/projections';
import { dataFiles } from '@sce/runtime';
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { progressBar } from '../progress';
import { UsageError } from '../usage';
import { REPLAY_MARKER, type ReplayOptions } from './replay-options';

const SQLITE_FILES = ['', '-wal', '-shm'];

/**
 * Replays `events` up to `options.until` into a fresh `read-models.db` in `options.out`, built
 * under another name and moved into place once complete, so the directory never holds a half
 * replay under the engine's file name. Returns the lines to print.
 * @throws UsageError for a position past the end of the log.
 */
export async function replayOut(events: EventStore, options: ReplayOptions): Promise<string[]> {
  const head = await events.headPosition();
  const { until, out } = options;
  if ('position' in until && until.position > head)
    throw new UsageError(`--until ${until.position} is past the end of the log (position ${head})`);
  privateDir(out);
  // An engine serving this directory holds it: replacing its file under it would change its answers.
  const lock = DataDirLock.acquire(out, `npm run cli -- replay, pid ${process.pid}`);
  try {
    // Marked first: a replay that fails half-way leaves a directory the next replay may take again.
    const markerFile = join(out, REPLAY_MARKER);
    if (!existsSync(markerFile)) writeMarker(markerFile, { until: options.untilArg, state: 'incomplete' });
    const target = dataFiles(out).readModels;
    const partial = `${target}.partial`;
    removeDb(partial);
    const started = Date.now();
    const progress = progressBar(`replay to ${options.untilArg}`, 'position' in until ? until.position : head);
    const docs = new SqliteDocStore(partial);
    let reached: ReplayedTo;
    try {
      reached = await replayFresh(events, docs, until, { batchSize: 5000, onBatch: (p) => progress.update(p) });
    } finally {
      progress.stop();
      await docs.close();
    }
    removeDb(target);
    for (const suffix of SQLITE_FILES) if (existsSync(partial + suffix)) renameSync(partial + suffix, target + suffix);
    const marker = { until: options.untilArg, ...reached, source: events.name, replayedAt: new Date().toISOString() };
    writeMarker(markerFile, marker);
    const to = reached.recordedAt ? `position ${reached.position}, recorded at ${reached.recordedAt}` : 'position 0';
    return [
      `replayed the log to ${to} into ${target} in ${Date.now() - started} ms`,
      `serve it read-only: SCE_READ_ONLY=true SCE_DATA_DIR=${out} npm start`,
    ];
  } finally {
    lock.release();
  }
}

const writeMarker = (file: string, marker: object) =>
  writeFileSync(file, `${JSON.stringify(marker, null, 2)}\n`, { mode: 0o600 });

function removeDb(path: string): void {
  for (const suffix of SQLITE_FILES) rmSync(path + suffix, { force: true });
}
