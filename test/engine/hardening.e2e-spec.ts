import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client, startEngine, type Engine } from './engine-harness';

/** The cases a hostile or careless caller found on the engine: each answered 4xx and changes nothing. */
describe('hardening: what a hostile caller sends gets a 4xx naming the field, and changes nothing', () => {
  let engine: Engine;
  let platform: ReturnType<typeof client>;
  let seller: ReturnType<typeof client>;

  const head = async () =>
    ((await client(engine.url).get('/health')).body as { details: { eventStore: { head: number } } }).details.eventStore
      .head;

  beforeAll(async () => {
    engine = await startEngine();
    platform = client(engine.url, engine.platformKey);
    await platform.send('RegisterShop', 'shop-1', { name: 'One', sellerId: 's1', timeZone: 'UTC', currency: 'USD' });
    const made = await platform.call('POST', '/v1/api-keys', { name: 'seller', role: 'SELLER', shopId: 'shop-1' });
    seller = client(engine.url, (made.body as { key: string }).key);
  });
  afterAll(async () => engine?.stop());

  let deep = '"v"';
  for (let i = 0; i < 5000; i++) deep = `[${deep}]`;
  it.each([
    [
      'a key named constructor',
      '{"commandId":"c-r1","type":"ListProduct","shopId":"shop-1","payload":{"productId":{"constructor":1}}}',
      'payload.productId.constructor',
    ],
    [
      'a body nested 5,000 deep',
      `{"commandId":"c-r2","type":"ListProduct","shopId":"shop-1","payload":{"productId":${deep}}}`,
      /^payload\.productId\[0\]/,
    ],
    [
      'a week date',
      '{"commandId":"c-r3","type":"ListProduct","shopId":"shop-1","payload":{"productId":"p","title":"t","price":1,"stock":1},"metadata":{"occurredAt":"2026-W48-5"}}',
      'metadata.occurredAt',
    ],
    [
      'a time without a zone',
      '{"commandId":"c-r4","type":"ListProduct","shopId":"shop-1","payload":{"productId":"p","title":"t","price":1,"stock":1},"metadata":{"occurredAt":"2026-11-27T10:00:00"}}',
      'metadata.occurredAt',
    ],
  ])('%s: 400 naming the field', async (_, raw, field) => {
    const before = await head();
    const answer = await seller.call('POST', '/v1/commands', undefined, raw);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      status: 'invalid',
      errors: [{ field: expect.stringMatching(field), message: expect.any(String) }],
    });
    expect(await head()).toBe(before);
  });

  it('a body that is not JSON by its content type: 415 in the invalid shape', async () => {
    const before = await head();
    const response = await fetch(`${engine.url}/v1/commands`, {
      method: 'POST',
      headers: { authorization: `Bearer ${engine.platformKey}`, 'content-type': 'text/plain' },
      body: '{"commandId":"c-t","type":"RegisterShop"}',
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ status: 'invalid', errors: [{ field: '(content-type)' }] });
    expect(await head()).toBe(before);
  });

  it.each([
    ['from=2026-13-01&to=2026-12-01', 'from'],
    ['from=2026-11-01&to=2026-00-01', 'to'],
    ['from=2026-02-30&to=2026-03-02', 'from'],
    ['from=2026-11-01&to=2026-11-31', 'to'],
    ['from=2026-W48&to=2026-12-01', 'from'],
    ['asOf=2026-W48-5', 'asOf'],
    ['constructor=1', 'constructor'],
    ['__proto__=1', '__proto__'],
    ['toString=x', 'toString'],
    ['limit=10', 'limit'],
    ['from=2026-11-01&from=2026-11-02', 'from'],
  ])('the dashboard with %s: 400 naming %s', async (query, field) => {
    const answer = await seller.get(`/v1/shops/shop-1/dashboard?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ status: 'invalid', errors: [{ field, message: expect.any(String) }] });
  });

  it.each([
    ['orders/to-ship', 'asOf=tomorrow', 'asOf'],
    ['orders/to-ship', 'limit=0', 'limit'],
    ['orders/to-ship', 'limit=1001', 'limit'],
    ['orders/to-ship', 'limit=ten', 'limit'],
    ['orders/to-ship', 'status=SHIPPED', 'status'],
    ['overdue', 'asOf=2026-11-31T00:00:00Z', 'asOf'],
    ['overdue', 'limit=10', 'limit'],
    ['returns', 'asOf=2026-W48-5', 'asOf'],
    ['orders', 'cursor=not-a-cursor', 'cursor'],
    ['orders', `cursor=${Buffer.from('{"placedAt":1}').toString('base64url')}`, 'cursor'],
  ])('%s with %s: 400 naming %s', async (route, query, field) => {
    const answer = await seller.get<{ status: string; errors: { field: string; message: string }[] }>(
      `/v1/shops/shop-1/${route}?${query}`,
    );
    expect([answer.status, answer.body.status]).toEqual([400, 'invalid']);
    expect(answer.body.errors.length).toBeGreaterThan(0);
    expect([...new Set(answer.body.errors.map((e) => e.field))]).toEqual([field]);
  });

  it('judges deadlines at an asOf with an offset as the instant it names', async () => {
    const { status, body } = await seller.get('/v1/shops/shop-1/overdue?asOf=2026-11-27T10:00:00%2B14:00');
    expect({ status, asOf: body.asOf }).toEqual({ status: 200, asOf: '2026-11-26T20:00:00.000Z' });
  });

  it('takes real dates, leap days included', async () => {
    expect((await seller.get('/v1/shops/shop-1/dashboard?from=2028-02-29&to=2028-03-01')).status).toBe(200);
  });

  it('compares instants as times: a campaign that started at 10:00+14:00 is ongoing two hours later', async () => {
    const created = await platform.send('CreateCampaign', undefined, {
      campaignId: 'cm-tz',
      name: 'Far east',
      registrationStartsAt: '2026-11-20T00:00:00+14:00',
      registrationEndsAt: '2026-11-27T09:00:00+14:00',
      startsAt: '2026-11-27T10:00:00+14:00',
      endsAt: '2026-11-28T10:00:00+14:00',
      minimumDiscountPercent: 10,
    });
    const position = (created.body as { positions: number[] }).positions[0];
    const { body } = await platform.get<{ campaignId: string; startsAt: string; state: string }[]>(
      `/v1/campaigns?asOf=2026-11-26T22:00:00Z&atPosition=${position}`,
    );
    expect(body.find((c) => c.campaignId === 'cm-tz')).toMatchObject({
      startsAt: '2026-11-26T20:00:00.000Z',
      state: 'ONGOING',
    });
  });

  it('atPosition waits before it looks for the shop: a shop just registered is found every time', async () => {
    for (let i = 0; i < 20; i++) {
      const registered = await platform.send('RegisterShop', `shop-new-${i}`, {
        name: 'New',
        sellerId: 's',
        timeZone: 'UTC',
        currency: 'USD',
      });
      const position = (registered.body as { positions: number[] }).positions[0];
      expect((await platform.get(`/v1/shops/shop-new-${i}/products?atPosition=${position}`)).status).toBe(200);
    }
  });

  it('labels metrics only with known command types', async () => {
    for (let i = 0; i < 50; i++)
      await seller.call('POST', '/v1/commands', {
        commandId: `m-${i}`,
        type: `Invented${i}`,
        shopId: 'shop-1',
        payload: {},
      });
    const metrics = await (await fetch(`${engine.url}/metrics`)).text();
    expect(metrics).not.toMatch(/Invented/);
    expect(metrics).toMatch(/sce_commands_total\{type="unknown",outcome="invalid"\} \d+/);
  });
});

describe('the data directory', () => {
  it('is created private: the directory 0700, every file in it 0600', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'sce-modes-'));
    const dataDir = join(parent, 'data');
    const engine = await startEngine({ SCE_DATA_DIR: dataDir });
    try {
      await client(engine.url, engine.platformKey).send('RegisterShop', 's', {
        name: 'S',
        sellerId: 's',
        timeZone: 'UTC',
        currency: 'USD',
      });
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      const files = readdirSync(dataDir);
      expect(files).toEqual(expect.arrayContaining(['events.db', 'events.db-wal', 'read-models.db']));
      for (const file of files) expect([file, statSync(join(dataDir, file)).mode & 0o777]).toEqual([file, 0o600]);
    } finally {
      await engine.stop();
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
