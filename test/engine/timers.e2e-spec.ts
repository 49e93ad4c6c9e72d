import { eventuallyExpect } from '@sce/test-stack';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client, startEngine, type Engine } from './engine-harness';
import { keysFor, type Keys } from './seller-story';
import { aMonthOfDeadlines, analystKey, at, LA, openShop, PLACED, whatTheShopShows } from './timer-story';

describe('timers over HTTP, on the test clock', () => {
  let engine: Engine;
  let keys: Keys;
  beforeAll(async () => {
    engine = await startEngine();
    keys = await keysFor(engine);
    await openShop(keys);
  });
  afterAll(async () => expect(await engine.stop()).toBe(0));

  it('auto-cancels at shipBy + 72 h once the clock passes it, as the SYSTEM at the deadline', async () => {
    const deadline = at(PLACED, 2 * 24 + 72);
    const before = await keys.platform.call('PUT', '/v1/test/clock', { at: at(deadline, -1) });
    expect(before).toMatchObject({
      status: 200,
      body: { status: 'ok', now: at(deadline, -1), pending: 1, overdue: 0 },
    });
    expect(await keys.platform.call('PUT', '/v1/test/clock', { at: at(deadline, 5) })).toMatchObject({
      status: 200,
      body: { pending: 0, overdue: 0 },
    });
    await eventuallyExpect(async () => {
      const { body } = await keys.analyst.get<{ status: string; history: { type: string; at: string; by: string }[] }>(
        `/v1/shops/${LA}/orders/o-1`,
      );
      expect(body.status).toBe('CANCELLED');
      expect(body.history.at(-1)).toMatchObject({ type: 'OrderCancelled', at: deadline, by: 'SYSTEM' });
    });
    const health = await keys.analyst.get<{ details: { timers: Record<string, unknown> } }>('/health');
    expect(health.body.details.timers).toMatchObject({ status: 'up', pending: 0, overdue: 0, lag: 0, leading: true });
    const metrics = await fetch(`${engine.url}/metrics`).then((r) => r.text());
    expect(metrics).toContain('sce_timers_fired_total{kind="auto-cancel",outcome="accepted"} 1');
  });

  it('sets the clock for the platform only', async () => {
    expect(await keys.seller.call('PUT', '/v1/test/clock', { at: PLACED })).toMatchObject({
      status: 403,
      body: { code: 'auth.platform-only' },
    });
    expect(await keys.platform.call('PUT', '/v1/test/clock', { at: 'tomorrow' })).toMatchObject({ status: 400 });
  });
});

describe('an engine killed across its deadlines', () => {
  it('fires each once when it starts again, at its deadline: what it shows equals an engine that never stopped', async () => {
    const steady = await startEngine();
    const dataDir = mkdtempSync(join(tmpdir(), 'sce-e2e-'));
    try {
      const steadyKeys = await keysFor(steady);
      await aMonthOfDeadlines(steadyKeys);
      for (let day = 2; day <= 31; day++)
        await steadyKeys.platform.call('PUT', '/v1/test/clock', {
          at: `2026-12-${String(day).padStart(2, '0')}T00:00:00Z`,
        });
      const steadyAnalyst = await analystKey(steadyKeys.platform);

      const killed = await startEngine({ SCE_DATA_DIR: dataDir });
      const keys = await keysFor(killed);
      await aMonthOfDeadlines(keys);
      const key = await analystKey(keys.platform);
      const gone = new Promise((resolve) => killed.process.once('exit', resolve));
      killed.process.kill('SIGKILL');
      await gone;

      const late = { SCE_DATA_DIR: dataDir, SCE_TEST_CLOCK: '2026-12-31T00:00:00Z' };
      let restarted = await startEngine(late);
      const expected = await eventuallyExpect(async () => {
        const shows = await whatTheShopShows(restarted.url, key);
        expect(shows).toEqual(await whatTheShopShows(steady.url, steadyAnalyst));
      }).then(() => whatTheShopShows(restarted.url, key));
      expect(expected.orders).toMatchObject({
        'o-1': { status: 'CANCELLED' },
        'o-2': { status: 'COMPLETED' },
        'o-3': { status: 'CANCELLED' },
      });
      expect(await restarted.stop()).toBe(0);
      restarted = await startEngine(late);
      expect(await whatTheShopShows(restarted.url, key)).toEqual(expected);
      expect(await restarted.stop()).toBe(0);
    } finally {
      expect(await steady.stop()).toBe(0);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the test clock of an engine started without it', () => {
  it('is not there', async () => {
    const engine = await startEngine({ SCE_TEST_CLOCK: '' });
    try {
      const answer = await client(engine.url, engine.platformKey).call('PUT', '/v1/test/clock', { at: PLACED });
      expect(answer).toMatchObject({ status: 404, body: { status: 'rejected', code: 'test-clock.off' } });
    } finally {
      expect(await engine.stop()).toBe(0);
    }
  });
});
