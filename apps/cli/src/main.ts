import { PROJECTIONS, ProjectionRunner } from '@sce/projections';
import { loadConfig, type EngineConfig } from '@sce/runtime';
import { backup } from './backup';
import { exportEvents } from './export/export';
import { EXPORT_USAGE, exportOptions } from './export/export-options';
import { keysCommand, KEYS_USAGE } from './keys';
import { progressBar } from './progress';
import { replayOut } from './replay/replay';
import { checkOutDir, REPLAY_USAGE, replayOptions } from './replay/replay-options';
import { openStores } from './stores';
import { parseOptions, UsageError } from './usage';

interface CliCommand {
  usage: string;
  run(config: EngineConfig, args: string[]): Promise<void>;
}

/** A command that takes no options still refuses one it was given. */
const noOptions = (args: string[]) => void parseOptions(args, {});

const COMMANDS: Record<string, CliCommand> = {
  export: {
    usage: EXPORT_USAGE,
    run: async (config, args) => {
      const options = exportOptions(args);
      const { events } = await openStores(config);
      try {
        const started = Date.now();
        const written = await exportEvents(events, options);
        const ms = Date.now() - started;
        process.stderr.write(
          `exported ${written} events in ${ms} ms (${Math.round((written * 1000) / Math.max(ms, 1))}/s)\n`,
        );
      } finally {
        await events.close();
      }
    },
  },
  rebuild: {
    usage: `  rebuild [--projection NAME]...
                 build the read models (or the projections named) again from the log, beside the
                 live ones, and switch to them once caught up; reads answer from the live ones meanwhile`,
    run: async (config, args) => {
      const { values } = parseOptions(args, { projection: { type: 'string', multiple: true } });
      const known = PROJECTIONS.map((p) => p.name);
      const unknown = values.projection?.filter((name) => !known.includes(name)) ?? [];
      if (unknown.length) throw new UsageError(`no projection ${unknown.join(', ')}: there are ${known.join(', ')}`);
      const { events, docs, lockDataDir } = await openStores(config);
      try {
        const unlock = lockDataDir('npm run cli -- rebuild');
        const store = await docs();
        const runner = new ProjectionRunner(events, store, { batchSize: 5000 });
        const head = await events.headPosition();
        const started = Date.now();
        const built = runner.rebuild(values.projection);
        let progress: ReturnType<typeof progressBar> | undefined;
        const timer = setInterval(() => {
          const building = runner.building;
          if (!building) return;
          progress ??= progressBar(`rebuild ${Object.keys(building.versions).join(', ')}`, building.target);
          progress.update(building.position);
        }, 200);
        await built.finally(() => clearInterval(timer));
        progress?.stop();
        await runner.stop();
        await store.close();
        unlock();
        const what = values.projection?.join(', ') ?? 'the read models';
        process.stderr.write(`rebuilt ${what} from ${head} events in ${Date.now() - started} ms\n`);
      } finally {
        await events.close();
      }
    },
  },
  replay: {
    usage: REPLAY_USAGE,
    run: async (config, args) => {
      const options = replayOptions(args);
      checkOutDir(options.out, config.dataDir);
      const { events } = await openStores(config);
      try {
        for (const line of await replayOut(events, options)) process.stderr.write(`${line}\n`);
      } finally {
        await events.close();
      }
    },
  },
  stats: {
    usage: `  stats          the head position and the number of events of each type`,
    run: async (config, args) => {
      noOptions(args);
      const { events } = await openStores(config);
      try {
        const counts: Record<string, number> = {};
        for await (const batch of events.readAll({ batchSize: 5000 }))
          for (const e of batch) counts[e.type] = (counts[e.type] ?? 0) + 1;
        process.stdout.write(`${JSON.stringify({ head: await events.headPosition(), events: counts }, null, 2)}\n`);
      } finally {
        await events.close();
      }
    },
  },
  backup: {
    usage: `  backup --out DIR
                 a consistent copy of the embedded log, read models and API keys, taken while the
                 engine runs; DIR then works as SCE_DATA_DIR (PostgreSQL: use pg_dump)`,
    run: async (config, args) => {
      const { values } = parseOptions(args, { out: { type: 'string' } });
      if (!values.out) throw new UsageError('backup needs --out DIR');
      for (const line of await backup(config, values.out)) process.stderr.write(`${line}\n`);
    },
  },
  keys: {
    usage: KEYS_USAGE,
    run: async (config, args) => {
      process.stdout.write(await keysCommand(config, args));
    },
  },
};

const USAGE = `usage: npm run cli -- <command> [options]     (<command> --help: that command alone)

${Object.values(COMMANDS)
  .map((c) => c.usage)
  .join('\n')}

Stores are opened as the engine opens them, from the same settings checked the same way: SCE_STORE,
SCE_READ_MODELS, SCE_DATA_DIR, SCE_SQLITE_SYNCHRONOUS, SCE_POSTGRES_URL, SCE_POSTGRES_SCHEMA, ...`;

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`unknown command ${name}\n\n${USAGE}\n`);
    return 2;
  }
  const usage = `usage: npm run cli -- ${command.usage.trimStart()}\n`;
  if (args.includes('--help')) {
    process.stdout.write(usage);
    return 0;
  }
  try {
    // The engine's configuration, checked as the engine checks it: every bad setting named, nothing opened.
    await command.run(loadConfig(), args);
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${usage}`);
    return 2;
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
