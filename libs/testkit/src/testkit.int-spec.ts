import { describeWith } from '@sce/test-stack';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROLES, setTestClock, startEngine, type TestEngine } from './index';

const ROOT = join(__dirname, '../../..');
const whoami = async (url: string, key: string) =>
  (await (await fetch(`${url}/v1/whoami`, { headers: { authorization: `Bearer ${key}` } })).json()) as {
    role: string;
    shopId: string | null;
  };

async function usable(engine: TestEngine) {
  for (const role of ROLES) expect(await whoami(engine.url, engine.keys[role])).toMatchObject({ role });
  expect((await whoami(engine.url, engine.keys.SELLER)).shopId).toBe(engine.shopId);
  const register = await fetch(`${engine.url}/v1/commands`, {
    method: 'POST',
    headers: { authorization: `Bearer ${engine.keys.PLATFORM}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      commandId: 'c-1',
      type: 'RegisterShop',
      shopId: engine.shopId,
      payload: { name: 'Shop', sellerId: 's', timeZone: 'UTC', currency: 'USD' },
    }),
  });
  expect(register.status).toBe(200);
  expect(engine.topics.commands).toBe('sce.commands');
}

describe('the test kit, as a child process (no container runtime needed)', () => {
  it('starts an engine with a key of every role, and stops it', async () => {
    const engine = await startEngine({ mode: 'process', shopId: 'shop-kit' });
    try {
      expect(engine.mode).toBe('process');
      await usable(engine);
    } finally {
      await engine.stop();
    }
    await expect(fetch(`${engine.url}/health`)).rejects.toThrow();
  });

  it('starts an engine on a test clock the suite moves; one on the real clock has none', async () => {
    const engine = await startEngine({ mode: 'process', testClock: '2026-11-01T00:00:00Z' });
    try {
      await setTestClock(engine, '2026-12-01T00:00:00Z');
      const real = await startEngine({ mode: 'process' });
      await expect(setTestClock(real, '2026-12-01T00:00:00Z')).rejects.toThrow(/404/);
      await real.stop();
    } finally {
      await engine.stop();
    }
  });

  it('works as a package installed in another repository', () => {
    const work = mkdtempSync(join(tmpdir(), 'sce-testkit-user-'));
    try {
      execFileSync('npm', ['run', 'build:testkit'], { cwd: ROOT, stdio: 'pipe' });
      execFileSync('npm', ['pack', join(ROOT, 'libs/testkit'), '--pack-destination', work], {
        cwd: work,
        stdio: 'pipe',
      });
      const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))!;
      writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'another-team', private: true }));
      execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', `./${tarball}`], {
        cwd: work,
        stdio: 'pipe',
      });
      const script = `
        const { startEngine } = require('@sce/testkit');
        startEngine({ mode: 'process', engineDir: ${JSON.stringify(ROOT)} }).then(async (engine) => {
          const me = await fetch(engine.url + '/v1/whoami', { headers: { authorization: 'Bearer ' + engine.keys.SELLER } });
          console.log(JSON.stringify({ mode: engine.mode, me: await me.json(), topics: engine.topics }));
          await engine.stop();
        });`;
      const run = spawnSync(process.execPath, ['-e', script], { cwd: work, encoding: 'utf8', timeout: 120_000 });
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toMatchObject({
        mode: 'process',
        me: { role: 'SELLER', shopId: 'shop-1' },
        topics: { events: 'sce.events' },
      });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describeWith('containers', 'the test kit, as a container (testcontainers)', () => {
  it('starts the engine image with a key of every role', async () => {
    const { GenericContainer } = await import('testcontainers');
    await GenericContainer.fromDockerfile(ROOT, 'docker/engine/Dockerfile').build('sce-engine:latest', {
      deleteOnExit: false,
    });
    const engine = await startEngine({ mode: 'container' });
    try {
      expect(engine.mode).toBe('container');
      await usable(engine);
    } finally {
      await engine.stop();
    }
  });
});
