import { canonicalInstant } from '@sce/contracts';
import type { KnownAt } from '@sce/projections';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseOptions, UsageError } from '../usage';

export const REPLAY_USAGE = `  replay --until POSITION|RFC3339 --out DIR
                 the read models as the engine knew them then: the log replayed up to and including
                 POSITION, or the last event recorded at or before the time (recording time, as
                 knownAt), into DIR/read-models.db; serve them with SCE_READ_ONLY=true SCE_DATA_DIR=DIR.
                 DIR is new, empty, or an earlier replay's (replaced then)`;

/** The file that marks a directory as a replay's output, with what was replayed. */
export const REPLAY_MARKER = 'replay.json';

export interface ReplayOptions {
  /** As given, for the messages and the marker. */
  untilArg: string;
  until: KnownAt;
  out: string;
}

/** `replay`'s arguments, every one checked: a UsageError names the first that is wrong. */
export function replayOptions(args: string[]): ReplayOptions {
  const { values } = parseOptions(args, { until: { type: 'string' }, out: { type: 'string' } });
  if (values.until === undefined) throw new UsageError('replay needs --until POSITION or --until RFC3339');
  if (!values.out) throw new UsageError('replay needs --out DIR');
  return { untilArg: values.until, until: untilOf(values.until), out: resolve(values.out) };
}

function untilOf(value: string): KnownAt {
  if (/^\d{1,15}$/.test(value)) return { position: Number(value) };
  const time = canonicalInstant(value);
  if (!time)
    throw new UsageError(
      `--until must be a log position (a whole number of 0 or more) or an RFC 3339 time such as 2026-11-27T18:00:00Z, not ${value}`,
    );
  return { time };
}

/**
 * Refuses an `--out` a replay must not write into: the engine's own data directory, a file, or a
 * directory holding anything but an earlier replay's output (which it replaces).
 */
export function checkOutDir(out: string, dataDir: string): void {
  if (out === resolve(dataDir))
    throw new UsageError(`--out ${out} is SCE_DATA_DIR, the engine's own directory: choose another`);
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory()) throw new UsageError(`--out ${out} is a file, not a directory`);
  if (readdirSync(out).length && !existsSync(join(out, REPLAY_MARKER)))
    throw new UsageError(
      `--out ${out} is not empty and holds no earlier replay (no ${REPLAY_MARKER}): choose a new or empty directory`,
    );
}
