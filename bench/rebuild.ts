// The rebuild figures of bench:replay: `npm run cli -- rebuild` of every projection over the seeded
// history, on SQLite (the data directory's read models) and on PostgreSQL (a schema of its own).
import type { EventStore, NewEvent } from '@sce/event-store';
import { loadConfig, openEventStore } from '@sce/runtime';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

const ROOT = join(__dirname, '..');
const PG_URL = process.env.SCE_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Rebuilt {
  perSec: number;
  rssMib: number;
}

/** One CLI rebuild in its own process: events/s from the CLI's report, and the process's peak RSS. */
export function rebuildOnce(dataDir: string, env: NodeJS.ProcessEnv = {}): Rebuilt {
  const rssFile = join(dataDir, 'rss');
  const run = spawnSync(
    process.execPath,
    [
      ...(process.env.SCE_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      '--require',
      join(__dirname, 'rss-at-exit.js'),
      join(ROOT, 'tools/cli.js'),
      'rebuild',
    ],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, SCE_DATA_DIR: dataDir, SCE_BENCH_RSS_FILE: rssFile, ...env },
    },
  );
  const reported = /rebuilt .* from (\d+) events in (\d+) ms/.exec(run.stderr);
  if (run.status !== 0 || !reported) throw new Error(`rebuild failed (${run.status}): ${run.stderr}`);
  return {
    perSec: Math.round((Number(reported[1]) * 1000) / Math.max(Number(reported[2]), 1)),
    rssMib: Math.round(Number(readFileSync(rssFile, 'utf8')) / 1024),
  };
}

/**
 * A PostgreSQL schema holding a copy of `from`'s log (each stream's events in order; a batch's streams
 * one after another),
 * for `use` to rebuild on; dropped afterwards.
 */
export async function withPostgresCopy<T>(
  from: EventStore,
  use: (env: NodeJS.ProcessEnv) => Promise<T> | T,
): Promise<T> {
  const schema = `bench_replay_${process.pid}`;
  const env = { SCE_STORE: 'postgres', SCE_POSTGRES_URL: PG_URL, SCE_POSTGRES_SCHEMA: schema };
  const admin = new Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    const to = await openEventStore(loadConfig({ ...process.env, ...env }));
    try {
      const started = Date.now();
      for await (const batch of from.readAll({ batchSize: 5000 })) {
        const byStream = new Map<string, NewEvent[]>();
        for (const e of batch) {
          const events = byStream.get(e.stream) ?? [];
          if (!events.length) byStream.set(e.stream, events);
          events.push({ type: e.type, data: e.data, metadata: e.metadata });
        }
        await to.append([...byStream].map(([stream, events]) => ({ stream, expected: 'any' as const, events })));
      }
      console.log(`copied the log to PostgreSQL schema ${schema} in ${Date.now() - started} ms`);
    } finally {
      await to.close();
    }
    return await use(env);
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}
