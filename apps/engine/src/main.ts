import { Logger } from '@nestjs/common';
import { DataDirInUseError, DataDirLock } from '@sce/event-store';
import { ConfigError, loadConfig, type EngineConfig } from './config/config';
import { createEngine, firstKeyNotice } from './bootstrap';

async function main() {
  const config = loadConfig();
  const dataDir = lockDataDir(config);
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
        () => {
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
      `Seller-center engine listening on ${url}  (store: ${config.store}, read models: ${config.readModels}, data: ${config.dataDir})`,
      `  API docs: ${url}/docs   health: ${url}/health   metrics: ${url}/metrics`,
      notice ?? `  API keys: ${config.apiKeysFile}`,
      '',
    ].join('\n'),
  );
}

/**
 * The embedded stores' directory is this process's alone (the SQLite stores assume one writer):
 * taken before anything opens it, so a second engine on it stops at once and says which one has it.
 */
function lockDataDir(config: EngineConfig): DataDirLock | undefined {
  if (config.store !== 'sqlite' && config.readModels !== 'sqlite') return undefined;
  return DataDirLock.acquire(config.dataDir, `the engine pid ${process.pid}, started ${new Date().toISOString()}`);
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
