import { client, startEngine, type Engine } from './engine-harness';

describe('bad input over HTTP: the right status, a clear message, nothing written', () => {
  let engine: Engine;
  let platform: ReturnType<typeof client>;
  let seller: ReturnType<typeof client>;
  let otherSeller: ReturnType<typeof client>;
  let buyer: ReturnType<typeof client>;

  const head = async () =>
    ((await client(engine.url).get('/health')).body as { details: { eventStore: { head: number } } }).details.eventStore
      .head;
  const key = async (role: string, shopId?: string) =>
    client(
      engine.url,
      ((await platform.call('POST', '/v1/api-keys', { name: role, role, shopId })).body as { key: string }).key,
    );

  beforeAll(async () => {
    engine = await startEngine();
    platform = client(engine.url, engine.platformKey);
    await platform.send('RegisterShop', 'shop-1', { name: 'One', sellerId: 's1', timeZone: 'UTC', currency: 'USD' });
    await platform.send('RegisterShop', 'shop-2', { name: 'Two', sellerId: 's2', timeZone: 'UTC', currency: 'USD' });
    seller = await key('SELLER', 'shop-1');
    otherSeller = await key('SELLER', 'shop-2');
    buyer = await key('BUYER');
  });
  afterAll(async () => engine?.stop());

  const listing = { productId: 'p-1', title: 'Hoodie', price: 4500, stock: 3 };

  it.each([
    [
      'malformed JSON',
      400,
      '(body)',
      () => seller.call('POST', '/v1/commands', undefined, '{"commandId": "c-1", "type": '),
    ],
    [
      'an unknown command type',
      400,
      'type',
      () =>
        seller.call('POST', '/v1/commands', { commandId: 'c-2', type: 'DropTables', shopId: 'shop-1', payload: {} }),
    ],
    [
      'a missing field',
      400,
      'payload.title',
      () => seller.send('ListProduct', 'shop-1', { productId: 'p-1', price: 4500, stock: 3 }),
    ],
    [
      'a wrong-typed field',
      400,
      'payload.price',
      () => seller.send('ListProduct', 'shop-1', { ...listing, price: '45.00' }),
    ],
    ['money as a float', 400, 'payload.price', () => seller.send('ListProduct', 'shop-1', { ...listing, price: 45.5 })],
    [
      'a negative quantity',
      400,
      'payload.lines[0].quantity',
      () =>
        buyer.send('PlaceOrder', 'shop-1', {
          orderId: 'o-1',
          buyerId: 'b',
          lines: [{ productId: 'p-1', quantity: -1 }],
          shipTo: { country: 'US', region: 'CA' },
          channel: 'LIVE',
        }),
    ],
    [
      'an unknown field',
      400,
      'payload.discount',
      () => seller.send('ListProduct', 'shop-1', { ...listing, discount: 10 }),
    ],
  ])('%s: %i naming %s', async (_, status, field, send) => {
    const before = await head();
    const answer = await send();
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({
      status: 'invalid',
      errors: expect.arrayContaining([expect.objectContaining({ field, message: expect.any(String) })]),
    });
    expect(await head()).toBe(before);
  });

  it('an oversize body: 413', async () => {
    const before = await head();
    const answer = await seller.send('ListProduct', 'shop-1', { ...listing, title: 'x'.repeat(300 * 1024) });
    expect(answer).toMatchObject({ status: 413, body: { status: 'invalid' } });
    expect(await head()).toBe(before);
  });

  it.each([
    ['an unknown shop', 403, 'auth.not-own-shop', () => seller.send('ListProduct', 'shop-9', listing)],
    [
      'an unknown shop, for the platform',
      404,
      'shop.not-found',
      () => platform.send('ApproveProduct', 'shop-9', { productId: 'p-1' }),
    ],
    [
      'a seller acting on another shop',
      403,
      'auth.not-own-shop',
      () => otherSeller.send('ListProduct', 'shop-1', listing),
    ],
    [
      'a seller sending a platform command',
      403,
      'auth.platform-only',
      () => seller.send('SuspendProduct', 'shop-1', { productId: 'p-1', reason: 'x' }),
    ],
    [
      'a buyer shipping an order',
      403,
      'auth.role-not-allowed',
      () => buyer.send('ShipOrder', 'shop-1', { orderId: 'o-1', carrier: 'UPS_GROUND', trackingNumber: '1' }),
    ],
    [
      'an actor role that is not the key',
      403,
      'auth.actor-mismatch',
      () =>
        buyer.call('POST', '/v1/commands', {
          commandId: 'c-x',
          type: 'CancelOrder',
          shopId: 'shop-1',
          payload: { orderId: 'o-1', reason: 'x' },
          metadata: { actor: { role: 'SELLER', id: 's' } },
        }),
    ],
    [
      'a product of no one',
      404,
      'product.not-found',
      () => seller.send('ChangePrice', 'shop-1', { productId: 'p-404', price: 100 }),
    ],
  ])('%s: %i %s', async (_, status, code, send) => {
    const before = await head();
    expect(await send()).toMatchObject({ status, body: { status: 'rejected', code, message: expect.any(String) } });
    expect(await head()).toBe(before);
  });

  it('no key or an unknown key: 401', async () => {
    expect((await client(engine.url).send('ListProduct', 'shop-1', listing)).status).toBe(401);
    expect((await client(engine.url, 'sce_nope').send('ListProduct', 'shop-1', listing)).status).toBe(401);
  });

  it('a command id used again for another command: 409, nothing written', async () => {
    expect((await seller.send('ListProduct', 'shop-1', listing, undefined, 'same-id')).status).toBe(200);
    const before = await head();
    expect(
      await seller.send('ListProduct', 'shop-1', { ...listing, productId: 'p-2' }, undefined, 'same-id'),
    ).toMatchObject({ status: 409, body: { code: 'command.id-reused' } });
    expect(await seller.send('ListProduct', 'shop-1', listing, undefined, 'same-id')).toMatchObject({
      status: 200,
      body: { status: 'accepted' },
    });
    expect(await head()).toBe(before);
  });
});

describe('restarting the engine', () => {
  it('keeps events, read models and command outcomes, and shuts down cleanly on SIGTERM', async () => {
    const first = await startEngine();
    const platform = client(first.url, first.platformKey);
    const registered = await platform.send(
      'RegisterShop',
      'shop-r',
      { name: 'R', sellerId: 's', timeZone: 'UTC', currency: 'USD' },
      undefined,
      'register-r',
    );
    expect(registered.status).toBe(200);
    const dataDir = first.dataDir;
    first.process.kill('SIGTERM');
    expect(await new Promise((resolve) => first.process.on('exit', resolve))).toBe(0);

    const again = await startEngine({ SCE_DATA_DIR: dataDir });
    try {
      const platformAgain = client(again.url, first.platformKey);
      expect(
        await platformAgain.send(
          'RegisterShop',
          'shop-r',
          { name: 'R', sellerId: 's', timeZone: 'UTC', currency: 'USD' },
          undefined,
          'register-r',
        ),
      ).toEqual(registered);
      expect((await platformAgain.get('/v1/shops/shop-r/products')).status).toBe(200);
    } finally {
      expect(await again.stop()).toBe(0);
    }
  });
});
