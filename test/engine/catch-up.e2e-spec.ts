import { eventually } from '@sce/test-stack';
import { rmSync } from 'node:fs';
import { client, startEngine, type Engine } from './engine-harness';
import { buildingOf, dataDirBehindTheLog, dropReadModels, healthOf, lagOf, platformKeyFor } from './behind-the-log';

/** A read's status and the lag its `x-read-models-lag` header reports (the harness's client shows no headers). */
async function readLag(engine: Engine, key: string) {
  const answer = await fetch(`${engine.url}/v1/campaigns`, { headers: { authorization: `Bearer ${key}` } });
  await answer.arrayBuffer();
  return { status: answer.status, lag: Number(answer.headers.get('x-read-models-lag')) };
}

const registerShop = (engine: Engine, key: string, shopId: string) =>
  client(engine.url, key).send(
    'RegisterShop',
    shopId,
    { name: 'Late Shop', sellerId: `s-${shopId}`, timeZone: 'UTC', currency: 'USD' },
    '2026-12-01T00:00:00Z',
  );

describe('an engine whose read models are far behind the log', () => {
  let dataDir: string;
  let platformKey: string;
  beforeAll(async () => {
    dataDir = await dataDirBehindTheLog();
    platformKey = platformKeyFor(dataDir);
  }, 60_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('listens, answers /health and takes a command before its read models have caught up', async () => {
    dropReadModels(dataDir);
    const engine = await startEngine({ SCE_DATA_DIR: dataDir });
    try {
      const facts: string[] = [];
      if ((await lagOf(engine)) > 0) facts.push('health answered, behind');
      // Alive while behind: a liveness probe on /health/live never restarts an engine that is catching up.
      expect(await client(engine.url).get('/health/live')).toEqual({ status: 200, body: { status: 'ok' } });
      const placed = await registerShop(engine, platformKey, 'shop-late');
      expect(placed).toMatchObject({ status: 200, body: { status: 'accepted' } });
      if ((await lagOf(engine)) > 0) facts.push('command accepted, still behind');
      const read = await readLag(engine, platformKey);
      if (read.status === 200 && read.lag > 0) facts.push('read answered, saying how far behind');
      await eventually(async () => (await lagOf(engine)) === 0, 90_000, 'the read models to catch up');
      facts.push('caught up');
      expect(facts).toEqual([
        'health answered, behind',
        'command accepted, still behind',
        'read answered, saying how far behind',
        'caught up',
      ]);
      expect(await readLag(engine, platformKey)).toEqual({ status: 200, lag: 0 });

      // Read-your-writes as before: the command's position is in the read models once they have caught up.
      const [position] = (placed.body as { positions: number[] }).positions;
      const shop = await client(engine.url, platformKey).get(`/v1/shops/shop-late/products?atPosition=${position}`);
      expect(shop.status).toBe(200);
    } finally {
      expect(await engine.stop()).toBe(0);
    }
  }, 150_000);

  it('answers /health and commands while POST /v1/admin/rebuild builds the read models again beside the live ones', async () => {
    const engine = await startEngine({ SCE_DATA_DIR: dataDir });
    try {
      await eventually(async () => (await lagOf(engine)) === 0, 90_000, 'the read models to catch up');
      const facts: string[] = [];
      const rebuilt = client(engine.url, platformKey)
        .call('POST', '/v1/admin/rebuild')
        .then((answer) => (facts.push('rebuilt'), answer));
      // Built beside the live read models: /health shows the build's progress, the live ones keep up.
      await eventually(async () => (await buildingOf(engine)) || facts.length > 0, 90_000, 'the rebuild to start');
      if (!facts.length) facts.push('health answered, rebuilding');
      const registered = await registerShop(engine, platformKey, 'shop-during-rebuild');
      expect(registered).toMatchObject({ status: 200, body: { status: 'accepted' } });
      if (await buildingOf(engine)) facts.push('command accepted, still rebuilding');
      expect(await rebuilt).toMatchObject({ status: 200, body: { status: 'rebuilt' } });
      expect(facts).toEqual(['health answered, rebuilding', 'command accepted, still rebuilding', 'rebuilt']);
    } finally {
      expect(await engine.stop()).toBe(0);
    }
  }, 150_000);

  it('stops cleanly on SIGTERM while catching up, keeping what it has projected', async () => {
    dropReadModels(dataDir);
    const engine = await startEngine({ SCE_DATA_DIR: dataDir });
    const before = (await healthOf(engine)).projections;
    expect(before.lag).toBeGreaterThan(0);
    expect(await engine.stop()).toBe(0);
    const again = await startEngine({ SCE_DATA_DIR: dataDir });
    try {
      const after = (await healthOf(again)).projections;
      expect(after.position).toBeGreaterThanOrEqual(before.position);
      expect(after.position).toBeGreaterThan(0);
    } finally {
      expect(await again.stop()).toBe(0);
    }
  }, 150_000);
});
