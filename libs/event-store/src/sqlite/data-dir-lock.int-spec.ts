import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DataDirInUseError, DataDirLock } from './data-dir-lock';

const ROOT = join(__dirname, '../../../..');
// A child left running by a failed test would keep jest from exiting: every one is killed after its test.
const children = new Set<ChildProcess>();

/** Another process that takes `dir` and says so, then waits to be killed. */
async function holdInChild(dir: string) {
  const script = `const { DataDirLock } = require(${JSON.stringify(join(__dirname, 'data-dir-lock.ts'))});
    DataDirLock.acquire(${JSON.stringify(dir)}, 'the engine pid ' + process.pid);
    globalThis.gc(); // a lock must outlive a garbage collection even when nobody keeps it
    console.log('holding'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--expose-gc', '-r', '@swc-node/register', '-e', script], {
    cwd: ROOT,
    env: { ...process.env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  for await (const line of createInterface({ input: child.stdout! })) if (line === 'holding') break;
  return { pid: child.pid!, kill: () => (child.kill('SIGKILL'), exited) };
}

describe('one process per SQLite data directory', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sce-lock-'))));
  afterEach(() => {
    for (const child of children) child.kill('SIGKILL');
    children.clear();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second holder at once, naming the first', () => {
    const lock = DataDirLock.acquire(dir, 'the engine pid 1 (http://127.0.0.1:3000)');
    const second = () => DataDirLock.acquire(dir, 'the engine pid 2');
    expect(second).toThrow(DataDirInUseError);
    expect(second).toThrow(`the data directory ${dir} is in use by the engine pid 1 (http://127.0.0.1:3000)`);
    lock.release();
    DataDirLock.acquire(dir, 'the engine pid 2').release();
  });

  it('is held against other processes, and freed when the holder is killed with SIGKILL', async () => {
    const holder = await holdInChild(dir);
    expect(() => DataDirLock.acquire(dir, 'this test')).toThrow(`in use by the engine pid ${holder.pid}`);
    await holder.kill();
    DataDirLock.acquire(dir, 'this test').release();
  });
});
