import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { mismatchWithOpenApi } from './openapi-check';
import { commandSchemaDisagrees } from './schema-check';

const ROOT = join(__dirname, '../..');

export interface Engine {
  url: string;
  process: ChildProcess;
  dataDir: string;
  platformKey: string;
  /** SIGTERM, and the exit code once it has shut down; removes the data directory if it made it. */
  stop(): Promise<number | null>;
}

/** Where the engines of the suites start their clock: before every suite's business times. */
export const TEST_CLOCK_START = '2026-11-01T00:00:00Z';

/**
 * Starts the engine as `npm start` does, on a free port with its own data directory. Its clock is
 * the test clock, standing before every suite's business times (2026-11-01), so that no timer
 * fires by the wall clock in the middle of a suite; a suite that wants timers moves it
 * (`PUT /v1/test/clock`), and `SCE_TEST_CLOCK: ''` runs the real clock.
 */
export async function startEngine(env: Record<string, string> = {}): Promise<Engine> {
  const ownDir = env.SCE_DATA_DIR === undefined;
  const dataDir = env.SCE_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'sce-e2e-'));
  const child = spawn(process.execPath, [join(ROOT, 'tools/start.js')], {
    cwd: ROOT,
    env: withoutEmpty({
      ...process.env,
      SCE_DATA_DIR: dataDir,
      PORT: '0',
      SCE_LOG_LEVEL: 'warn',
      SCE_TEST_CLOCK: TEST_CLOCK_START,
      ...env,
    }),
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
  const firstKey = join(dataDir, 'first-platform-key.txt');
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

const withoutEmpty = (env: NodeJS.ProcessEnv) =>
  Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/**
 * A client holding one API key. Every answer is checked against the engine's OpenAPI document, and
 * every command against the published JSON Schema (ajv): they must agree with what the engine took.
 */
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
    const answer = { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
    const mismatch = await mismatchWithOpenApi(url, method, path, answer.status, answer.body);
    if (mismatch) throw new Error(`the engine's answer does not match its OpenAPI document: ${mismatch}`);
    if (method === 'POST' && path === '/v1/commands') {
      const sent = raw ?? JSON.stringify(body);
      let parsed: unknown;
      try {
        parsed = JSON.parse(sent);
      } catch {
        return answer;
      }
      const disagreement = commandSchemaDisagrees(parsed, answer.status, answer.body as never);
      if (disagreement)
        throw new Error(
          `the JSON Schema of commands and the engine disagree on ${sent.slice(0, 500)}: ${disagreement}`,
        );
    }
    return answer;
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
export const runCli = (dataDir: string, ...args: string[]) => runCliWith({}, dataDir, ...args);

/** The CLI with settings of its own beside the data directory. */
export const runCliWith = (env: NodeJS.ProcessEnv, dataDir: string, ...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'tools/cli.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, SCE_DATA_DIR: dataDir },
    encoding: 'utf8',
  });
