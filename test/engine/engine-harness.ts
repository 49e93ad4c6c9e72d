import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '../..');

export interface Engine {
  url: string;
  process: ChildProcess;
  dataDir: string;
  platformKey: string;
  /** SIGTERM, and the exit code once it has shut down; removes the data directory if it made it. */
  stop(): Promise<number | null>;
}

/** Starts the engine as `npm start` does, on a free port with its own data directory. */
export async function startEngine(env: Record<string, string> = {}): Promise<Engine> {
  const ownDir = env.SCE_DATA_DIR === undefined;
  const dataDir = env.SCE_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'sce-e2e-'));
  const child = spawn(process.execPath, [join(ROOT, 'tools/start.js')], {
    cwd: ROOT,
    env: { ...process.env, SCE_DATA_DIR: dataDir, PORT: '0', SCE_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let output = '';
  child.stderr!.on('data', (chunk) => (output += String(chunk)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the engine did not start within 60 s:\n${output}`)), 60_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output += `${line}\n`;
      const found = line.match(/listening on (http:\/\/\S+)/);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the engine exited with ${code}:\n${output}`));
    });
  });
  const firstKey = join(dataDir, 'api-keys.json.first-key.txt');
  const platformKey = existsSync(firstKey) ? readFileSync(firstKey, 'utf8').trim() : '';
  return {
    url,
    process: child,
    dataDir,
    platformKey,
    async stop() {
      child.kill('SIGTERM');
      const code = await exited;
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/** A client holding one API key. */
export function client(url: string, key?: string) {
  const call = async <T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    raw?: string,
  ): Promise<Answer<T>> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(raw !== undefined || body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(key ? { authorization: `Bearer ${key}` } : {}),
      },
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  return {
    call,
    get: <T = Record<string, unknown>>(path: string) => call<T>('GET', path),
    /** Sends a command; `at` is the business time. */
    send: (type: string, shopId: string | undefined, payload: object, at?: string, commandId = `c-${randomUUID()}`) =>
      call('POST', '/v1/commands', { commandId, type, shopId, payload, metadata: at ? { occurredAt: at } : undefined }),
  };
}

/** Runs `npm run cli -- …` against `dataDir` and waits for it. */
export const runCli = (dataDir: string, ...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'tools/cli.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, SCE_DATA_DIR: dataDir },
    encoding: 'utf8',
  });
