import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client, runCli, startEngine } from './engine-harness';

describe('one engine per embedded data directory', () => {
  it('refuses a second engine and a read-model rebuild on a directory in use, naming the engine using it', async () => {
    const first = await startEngine();
    try {
      const pid = first.process.pid!;
      const second = startEngine({ SCE_DATA_DIR: first.dataDir });
      await expect(second).rejects.toThrow(/exited with 1/);
      await expect(second).rejects.toThrow(`the data directory ${first.dataDir} is in use by the engine pid ${pid}`);
      await expect(second).rejects.not.toThrow(/\n\s+at /); // a message, not a stack trace

      const rebuild = runCli(first.dataDir, 'rebuild');
      expect(rebuild.status).toBe(1);
      expect(rebuild.stderr).toContain(`is in use by the engine pid ${pid}`);

      expect((await client(first.url, first.platformKey).get('/health')).status).toBe(200);
    } finally {
      expect(await first.stop()).toBe(0);
    }
  });

  it('lets the next engine take the directory once the first has gone, even killed with SIGKILL', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sce-e2e-'));
    try {
      const first = await startEngine({ SCE_DATA_DIR: dataDir });
      await expect(startEngine({ SCE_DATA_DIR: dataDir })).rejects.toThrow(/is in use/);
      const gone = new Promise((resolve) => first.process.once('exit', resolve));
      first.process.kill('SIGKILL'); // no shutdown at all: the OS drops the lock with the process
      await gone;
      const next = await startEngine({ SCE_DATA_DIR: dataDir });
      expect((await client(next.url, first.platformKey).get('/health')).status).toBe(200);
      expect(await next.stop()).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
