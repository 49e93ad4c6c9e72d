import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { DEFAULT_TOPICS, engineEnv, keysFor, type EngineOptions, type TestEngine } from './engine';

export interface ProcessOptions extends EngineOptions {
  /**
   * A checkout of the engine with its dependencies installed (`npm ci`): its `tools/start.js` is what
   * runs. Default: `SCE_ENGINE_DIR`, else the checkout this package was built in.
   */
  engineDir?: string;
  /** The Node.js binary (default: the one running the suite). */
  node?: string;
}

function engineDirOf(options: ProcessOptions): string {
  const dir = resolve(options.engineDir ?? process.env.SCE_ENGINE_DIR ?? join(__dirname, '../../..'));
  if (!existsSync(join(dir, 'tools/start.js')))
    throw new Error(`no engine in ${dir}: pass engineDir (or SCE_ENGINE_DIR), a checkout of the engine after npm ci`);
  return dir;
}

/**
 * The engine as a child process on the embedded default (SQLite in a data directory of its own),
 * on a free port: for machines without a container runtime. Resolves once it listens.
 */
export async function startEngineProcess(options: ProcessOptions = {}): Promise<TestEngine> {
  const dir = engineDirOf(options);
  const dataDir = mkdtempSync(join(tmpdir(), 'sce-testkit-'));
  const child = spawn(options.node ?? process.execPath, [join(dir, 'tools/start.js')], {
    cwd: dir,
    env: {
      ...process.env,
      NODE_OPTIONS: '--max-semi-space-size=64',
      ...engineEnv(options),
      SCE_DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let output = '';
  child.stderr!.on('data', (chunk) => (output += String(chunk)));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((listening, failed) => {
      const timer = setTimeout(
        () => failed(new Error(`the engine did not start:\n${output}`)),
        options.startupTimeoutMs ?? 120_000,
      );
      createInterface({ input: child.stdout! }).on('line', (line) => {
        output += `${line}\n`;
        const found = line.match(/listening on (http:\/\/\S+)/);
        if (found) {
          clearTimeout(timer);
          listening(found[1]!);
        }
      });
      void exited.then((code) => {
        clearTimeout(timer);
        failed(new Error(`the engine exited with ${code}:\n${output}`));
      });
    });
    const shopId = options.shopId ?? 'shop-1';
    const platformKey = readFileSync(join(dataDir, 'first-platform-key.txt'), 'utf8').trim();
    return {
      url,
      keys: await keysFor(url, platformKey, shopId),
      shopId,
      topics: DEFAULT_TOPICS,
      mode: 'process',
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
