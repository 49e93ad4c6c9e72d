import { describeWith, eventuallyExpect, freshSchema, TEST_PG_URL } from '@sce/test-stack';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { client, runCli, startEngine, type Engine } from './engine-harness';

type Made = { key: string; id: string };
const make = async (platform: ReturnType<typeof client>, body: object): Promise<Made> => {
  const answer = await platform.call<Made>('POST', '/v1/api-keys', body);
  expect(answer.status).toBe(201);
  return answer.body;
};

describe('API keys on one engine', () => {
  let engine: Engine;
  let platform: ReturnType<typeof client>;
  beforeAll(async () => {
    engine = await startEngine();
    platform = client(engine.url, engine.platformKey);
    await platform.send('RegisterShop', 'shop-1', { name: 'One', sellerId: 's1', timeZone: 'UTC', currency: 'USD' });
  });
  afterAll(async () => engine?.stop());

  it('removes the first-start key file once the key is used', async () => {
    expect(existsSync(join(engine.dataDir, 'first-platform-key.txt'))).toBe(false);
    expect((await platform.get('/v1/whoami')).body).toMatchObject({ role: 'PLATFORM', shopId: null });
  });

  it('lists keys without the keys themselves, revokes and rotates them', async () => {
    const seller = await make(platform, { name: 'acme', role: 'SELLER', shopId: 'shop-1' });
    const listed = await platform.get<{ keys: Record<string, unknown>[] }>('/v1/api-keys');
    expect(listed.body.keys.find((k) => k.id === seller.id)).toMatchObject({
      name: 'acme',
      role: 'SELLER',
      shopId: 'shop-1',
      revokedAt: null,
    });
    expect(JSON.stringify(listed.body)).not.toContain(seller.key);
    expect(JSON.stringify(listed.body)).not.toMatch(/"hash"/);

    const rotated = await platform.call<Made & { replaces: string }>('POST', `/v1/api-keys/${seller.id}/rotate`, {
      graceSeconds: 0,
    });
    expect(rotated).toMatchObject({ status: 200, body: { replaces: seller.id, role: 'SELLER', shopId: 'shop-1' } });
    expect((await client(engine.url, seller.key).get('/v1/whoami')).status).toBe(401);
    expect((await client(engine.url, rotated.body.key).get('/v1/whoami')).body).toMatchObject({
      keyId: rotated.body.id,
    });

    expect((await platform.call('DELETE', `/v1/api-keys/${rotated.body.id}`)).body).toMatchObject({
      revokedAt: expect.any(String),
    });
    expect((await client(engine.url, rotated.body.key).get('/v1/whoami')).status).toBe(401);
    expect((await platform.call('DELETE', '/v1/api-keys/key_nothing')).status).toBe(404);
    expect((await platform.call('DELETE', '/v1/api-keys/nothing')).status).toBe(400);
  });

  it('refuses a key past its expiry, and key management to anyone but the platform', async () => {
    const soon = new Date(Date.now() + 1500).toISOString();
    const temp = await make(platform, { name: 'temp', role: 'ANALYST', expiresAt: soon });
    const analyst = client(engine.url, temp.key);
    expect((await analyst.get('/v1/whoami')).status).toBe(200);
    expect(await analyst.get('/v1/api-keys')).toMatchObject({ status: 403, body: { code: 'auth.platform-only' } });
    await eventuallyExpect(async () => expect((await analyst.get('/v1/whoami')).status).toBe(401), 5000);
  });

  it("records the sending key in every event, and the key as the actor: a seller's key cannot claim another actor", async () => {
    const seller = await make(platform, { name: 'acme', role: 'SELLER', shopId: 'shop-1' });
    const buyer = await make(platform, { name: 'storefront', role: 'BUYER' });
    const as = client(engine.url, seller.key);
    const claimed = await as.call('POST', '/v1/commands', {
      commandId: 'claim-1',
      type: 'ListProduct',
      shopId: 'shop-1',
      payload: { productId: 'p-1', title: 'Hoodie', price: 4500, stock: 3 },
      metadata: { actor: { role: 'SELLER', id: 'platform-admin' } },
    });
    expect(claimed).toMatchObject({ status: 403, body: { code: 'auth.actor-mismatch' } });
    expect(
      (await as.send('ListProduct', 'shop-1', { productId: 'p-1', title: 'Hoodie', price: 4500, stock: 3 })).status,
    ).toBe(200);
    await platform.send('ApproveProduct', 'shop-1', { productId: 'p-1' });
    await client(engine.url, seller.key).send('SaveShippingTemplate', 'shop-1', {
      zones: [{ name: 'US', regions: ['US'], fee: 500 }],
      excludedRegions: [],
      freeShippingThreshold: null,
      shippingDiscountPercent: 0,
    });
    const placed = await client(engine.url, buyer.key).send('PlaceOrder', 'shop-1', {
      orderId: 'o-1',
      buyerId: 'b-9',
      lines: [{ productId: 'p-1', quantity: 1 }],
      shipTo: { country: 'US', region: 'CA' },
      channel: 'LIVE',
    });
    expect(placed.status).toBe(200);
    const out = join(engine.dataDir, '..', `export-${Date.now()}.ndjson`);
    await eventuallyExpect(() => {
      const exported = runCli(engine.dataDir, 'export', '--out', out);
      expect(exported.status).toBe(0);
    });
    const events = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((line: string) => JSON.parse(line) as { type: string; metadata: { actor: { id: string }; keyId: string } });
    const listed = events.find((e: { type: string }) => e.type === 'ProductListed')!;
    expect(listed.metadata).toMatchObject({ actor: { role: 'SELLER', id: seller.id }, keyId: seller.id });
    const order = events.find((e: { type: string }) => e.type === 'OrderPlaced')!;
    expect(order.metadata).toMatchObject({ actor: { role: 'BUYER', id: 'b-9' }, keyId: buyer.id });
  });

  it('makes, lists and revokes keys from the CLI while the engine runs', async () => {
    const made = runCli(engine.dataDir, 'keys', 'create', '--role', 'SELLER', '--name', 'ops', '--shop', 'shop-1');
    expect(made.status).toBe(0);
    const { key, id } = JSON.parse(made.stdout) as Made;
    expect((await client(engine.url, key).get('/v1/shops/shop-1/products')).status).toBe(200);
    expect(JSON.parse(runCli(engine.dataDir, 'keys', 'list').stdout)).toEqual(
      expect.arrayContaining([expect.objectContaining({ id, name: 'ops' })]),
    );
    expect(runCli(engine.dataDir, 'keys', 'revoke', id).status).toBe(0);
    await eventuallyExpect(
      async () => expect((await client(engine.url, key).get('/v1/whoami')).status).toBe(401),
      3000,
    );
    const bad = runCli(engine.dataDir, 'keys', 'create', '--role', 'KING', '--name', 'x');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--role must be one of SELLER/);
  });
});

describeWith('postgres', 'API keys on two engines sharing PostgreSQL', () => {
  let engines: Engine[] = [];
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await freshSchema('sce_keys_e2e');
    drop = fresh.drop;
    const env = { SCE_STORE: 'postgres', SCE_POSTGRES_URL: TEST_PG_URL, SCE_POSTGRES_SCHEMA: fresh.schema };
    engines = await Promise.all([startEngine(env), startEngine(env)]);
  });
  afterAll(async () => {
    for (const e of engines) await e.stop();
    await drop?.();
  });

  it('a key made on either works on both within a second; revoked on one, refused by both; 100 made at once all survive', async () => {
    const firstKey = engines.map((e) => e.platformKey).find(Boolean)!;
    const [a, b] = engines.map((e) => client(e.url, firstKey));
    expect((await a!.get('/v1/whoami')).status).toBe(200);
    expect((await b!.get('/v1/whoami')).status).toBe(200);

    const onA = await make(a!, { name: 'from a', role: 'ANALYST' });
    const onB = await make(b!, { name: 'from b', role: 'ANALYST' });
    for (const e of engines)
      for (const k of [onA, onB])
        await eventuallyExpect(
          async () => expect((await client(e.url, k.key).get('/v1/whoami')).status).toBe(200),
          1000,
        );

    expect((await b!.call('DELETE', `/v1/api-keys/${onA.id}`)).status).toBe(200);
    for (const e of engines)
      await eventuallyExpect(
        async () => expect((await client(e.url, onA.key).get('/v1/whoami')).status).toBe(401),
        1500,
      );

    const made = await Promise.all(
      Array.from({ length: 100 }, (_, i) => make(i % 2 ? a! : b!, { name: `bulk-${i}`, role: 'BUYER' })),
    );
    const listed = (await a!.get<{ keys: { id: string }[] }>('/v1/api-keys')).body.keys.map((k) => k.id);
    expect(listed).toEqual(expect.arrayContaining(made.map((m) => m.id)));
    for (const { key } of made.slice(0, 10))
      expect((await client(engines[1]!.url, key).get('/v1/whoami')).status).toBe(200);
  });
});
