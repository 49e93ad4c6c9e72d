import { Presets, SingleBar } from 'cli-progress';
import { createWriteStream } from 'node:fs';
import { ProjectionRunner } from '@sce/projections';
import { loadConfig } from '@sce/runtime';
import { backup } from './backup';
import { keysCommand, KEYS_USAGE, UsageError } from './keys';
import { openStores } from './stores';

const USAGE = `usage: npm run cli -- <command> [options]

  export [--out FILE] [--after POSITION] [--type EventType,...] [--category order,...]
                 the event log as NDJSON (one stored event per line), to FILE or stdout
  rebuild        drop the read models and project the whole log again (on SQLite: with the engine stopped)
  stats          the head position and the number of events of each type
  backup --out DIR
                 a consistent copy of the embedded log, read models and API keys, taken while the
                 engine runs; DIR then works as SCE_DATA_DIR (PostgreSQL: use pg_dump)
${KEYS_USAGE}

Stores are opened as the engine opens them, from the same settings checked the same way: SCE_STORE,
SCE_READ_MODELS, SCE_DATA_DIR, SCE_SQLITE_SYNCHRONOUS, SCE_POSTGRES_URL, SCE_POSTGRES_SCHEMA, ...`;

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}

function bar(label: string, total: number): SingleBar {
  const progress = new SingleBar(
    { format: `${label} [{bar}] {value}/{total} events`, stream: process.stderr, hideCursor: true },
    Presets.shades_classic,
  );
  progress.start(total, 0);
  return progress;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === '--help' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  // The engine's configuration, checked as the engine checks it: every bad setting named, nothing opened.
  const config = loadConfig();
  if (command === 'keys') {
    try {
      process.stdout.write(await keysCommand(config, args));
      return 0;
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      process.stderr.write(`${error.message}\n\n${KEYS_USAGE}\n`);
      return 2;
    }
  }
  const { events, docs, lockDataDir } = await openStores(config);
  try {
    if (command === 'export') {
      const out = option(args, 'out');
      const sink: NodeJS.WritableStream = out ? createWriteStream(out) : process.stdout;
      const after = Number(option(args, 'after') ?? 0);
      const eventTypes = option(args, 'type')?.split(',');
      const categories = option(args, 'category')?.split(',');
      const progress = out ? bar('export', await events.headPosition()) : undefined;
      let written = 0;
      for await (const batch of events.readAll({
        after,
        batchSize: 5000,
        filter: eventTypes || categories ? { eventTypes, categories } : undefined,
      })) {
        const ok = sink.write(batch.map((e) => JSON.stringify(e)).join('\n') + '\n');
        if (!ok) await new Promise<void>((resolve) => sink.once('drain', () => resolve()));
        written += batch.length;
        progress?.update(batch[batch.length - 1]!.position);
      }
      progress?.stop();
      if (out) await new Promise<void>((resolve) => sink.end(() => resolve()));
      process.stderr.write(`exported ${written} events\n`);
      return 0;
    }
    if (command === 'rebuild') {
      const unlock = lockDataDir('npm run cli -- rebuild');
      const store = await docs();
      const head = await events.headPosition();
      const runner = new ProjectionRunner(events, store, { batchSize: 5000 });
      const progress = bar('rebuild', head);
      const timer = setInterval(() => progress.update(runner.position), 200);
      const started = Date.now();
      await runner.rebuild();
      clearInterval(timer);
      progress.update(head);
      progress.stop();
      await runner.stop();
      await store.close();
      unlock();
      process.stderr.write(`rebuilt the read models from ${head} events in ${Date.now() - started} ms\n`);
      return 0;
    }
    if (command === 'backup') {
      const out = option(args, 'out');
      if (!out) throw new Error('backup needs --out DIR');
      for (const line of await backup(config, out)) process.stderr.write(`${line}\n`);
      return 0;
    }
    if (command === 'stats') {
      const counts: Record<string, number> = {};
      for await (const batch of events.readAll({ batchSize: 5000 }))
        for (const e of batch) counts[e.type] = (counts[e.type] ?? 0) + 1;
      process.stdout.write(`${JSON.stringify({ head: await events.headPosition(), events: counts }, null, 2)}\n`);
      return 0;
    }
    process.stderr.write(`unknown command ${command}\n${USAGE}\n`);
    return 2;
  } finally {
    await events.close();
  }
}

// What the CLI writes (backups, exports, rebuilt read models) is as private as the engine's own files.
process.umask(0o077);
main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
