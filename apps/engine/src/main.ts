import { Logger } from '@nestjs/common';
import { DataDirInUseError } from '@sce/event-store';
import { ConfigError, loadConfig, lockDataDir } from '@sce/runtime';
import { createEngine, firstKeyNotice } from './bootstrap';
import { startTracing } from './ops/tracing';

async function main() {
  // Everything the engine writes (log, read models, keys, lock) is its own: 0600 files, 0700 directories.
  process.umask(0o077);
  const config = loadConfig();
  // Before the engine exists, so that every span has a provider; off unless OTEL_* says otherwise.
  const tracing = startTracing();
  const dataDir = lockDataDir(config, `the engine pid ${process.pid}, started ${new Date().toISOString()}`);
  const app = await createEngine(config);
  await app.listen({ port: config.port, host: config.host });
  // Graceful shutdown: stop taking requests, finish those in flight, save checkpoints, close stores.
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      process.stdout.write(`${signal}: finishing in-flight requests and saving checkpoints\n`);
      app.close().then(
        async () => {
          await tracing?.shutdown().catch(() => undefined);
          dataDir?.release();
          process.exit(0);
        },
        (error: unknown) => {
          process.stderr.write(`shutdown failed: ${String(error)}\n`);
          process.exit(1);
        },
      );
    });
  }
  const url = await app.getUrl();
  const notice = firstKeyNotice(app);
  process.stdout.write(
    [
      config.readOnly
        ? `Seller-center engine listening on ${url}  (read-only: the read models of ${config.dataDir}; no commands)`
        : `Seller-center engine listening on ${url}  (store: ${config.store}, read models: ${config.readModels}, data: ${config.dataDir})`,
      `  console: ${url}/   API docs: ${url}/docs   health: ${url}/health   metrics: ${url}/metrics`,
      notice ?? `  API keys: npm run cli -- keys create --role PLATFORM --name <who>  (or POST /v1/api-keys)`,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  // Logs are buffered until the application has started: show what led up to the failure.
  Logger.flush();
  process.stderr.write(
    error instanceof ConfigError || error instanceof DataDirInUseError
      ? `${error.message}\n`
      : `the engine failed to start: ${(error as Error).stack ?? String(error)}\n`,
  );
  process.exit(1);
});
