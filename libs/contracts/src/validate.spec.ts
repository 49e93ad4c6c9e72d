import 'reflect-metadata';
import { validateEnvelope } from './validate';

const at = new Date('2026-11-27T15:04:05.000Z');
const buyer = { role: 'BUYER' as const, keyId: 'key-storefront' };
const placeOrder = (payload: unknown, extra: object = {}) => ({
  commandId: 'c-1',
  type: 'PlaceOrder',
  shopId: 'shop-42',
  payload,
  ...extra,
});
const good = {
  orderId: 'o-1',
  buyerId: 'b-9',
  lines: [{ productId: 'p-1', quantity: 2 }],
  shipTo: { country: 'US', region: 'CA' },
  channel: 'LIVE',
};

describe('validating a command envelope', () => {
  it('takes the lifecycle policies within their ranges, or left out; refuses them outside', () => {
    const seller = { role: 'SELLER' as const, shopId: 'shop-42', keyId: 'key-seller' };
    const send = (type: string, payload: object) =>
      validateEnvelope({ commandId: 'c-1', type, shopId: 'shop-42', payload }, seller, at);
    const shipping = { mode: 'SELLER_SHIPPING', carriers: ['UPS_GROUND'] };
    const refunds = { returnWindowDays: 30, autoApproveLimit: 0 };
    expect(send('ConfigureShipping', shipping)).toMatchObject({ ok: true });
    expect(send('ConfigureShipping', { ...shipping, handlingDays: 10 })).toMatchObject({ ok: true });
    expect(send('SetRefundPolicy', { ...refunds, sellerResponseHours: 24 })).toMatchObject({ ok: true });
    for (const [type, payload, field] of [
      ['ConfigureShipping', { ...shipping, handlingDays: 0 }, 'payload.handlingDays'],
      ['ConfigureShipping', { ...shipping, handlingDays: 11 }, 'payload.handlingDays'],
      ['SetRefundPolicy', { ...refunds, sellerResponseHours: 23 }, 'payload.sellerResponseHours'],
      ['SetRefundPolicy', { ...refunds, sellerResponseHours: 169 }, 'payload.sellerResponseHours'],
      ['SetRefundPolicy', { ...refunds, sellerResponseHours: null }, 'payload.sellerResponseHours'],
    ] as const)
      expect(send(type, payload)).toMatchObject({
        ok: false,
        errors: expect.arrayContaining([expect.objectContaining({ field })]),
      });
  });

  it('takes a package id the engine named (<orderId>/<n>), and refuses a package of no lines', () => {
    const system = { role: 'SYSTEM' as const, keyId: 'key-system' };
    const confirm = {
      commandId: 'c-1',
      type: 'ConfirmDelivery',
      shopId: 'shop-42',
      payload: { orderId: 'o-1', packageId: 'o-1/2' },
    };
    expect(validateEnvelope(confirm, system, at)).toMatchObject({ ok: true });
    const seller = { role: 'SELLER' as const, shopId: 'shop-42', keyId: 'key-seller' };
    const ship = { orderId: 'o-1', packageId: 'box-1', carrier: 'UPS_GROUND', trackingNumber: '1Z', lines: [] };
    expect(
      validateEnvelope({ commandId: 'c-2', type: 'ShipPackage', shopId: 'shop-42', payload: ship }, seller, at),
    ).toMatchObject({ ok: false, errors: [{ field: 'payload.lines' }] });
  });

  it('builds the domain command: the buyer the BUYER key acts for, the key, the receipt time as default', () => {
    expect(validateEnvelope(placeOrder(good), buyer, at)).toEqual({
      ok: true,
      commandId: 'c-1',
      command: {
        type: 'PlaceOrder',
        shopId: 'shop-42',
        payload: good,
        metadata: {
          actor: { role: 'BUYER', id: 'b-9' },
          occurredAt: '2026-11-27T15:04:05.000Z',
          keyId: 'key-storefront',
        },
      },
    });
  });

  it('keeps the business time and correlation id the caller gives', () => {
    const result = validateEnvelope(
      placeOrder(good, { metadata: { occurredAt: '2026-11-26T08:00:00Z', correlationId: 'corr-1' } }),
      buyer,
      at,
    );
    expect(result).toMatchObject({
      ok: true,
      command: { metadata: { occurredAt: '2026-11-26T08:00:00.000Z', correlationId: 'corr-1' } },
    });
  });

  it('names each bad field and why', () => {
    const bad = {
      ...good,
      lines: [
        { productId: 'p 1', quantity: -2 },
        { productId: 'p-2', quantity: 1.5 },
      ],
      channel: 'TV',
    };
    const result = validateEnvelope(placeOrder(bad), buyer, at);
    expect(result.ok).toBe(false);
    const fields = (result as { errors: { field: string }[] }).errors.map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'payload.lines[0].productId',
        'payload.lines[0].quantity',
        'payload.lines[1].quantity',
        'payload.channel',
      ]),
    );
  });

  it('refuses an unknown command type, listing the known ones', () => {
    const result = validateEnvelope(
      { commandId: 'c-1', type: 'DeleteEverything', shopId: 's', payload: {} },
      buyer,
      at,
    );
    expect(result).toMatchObject({
      ok: false,
      errors: [{ field: 'type', message: expect.stringContaining('PlaceOrder') }],
    });
  });

  it('refuses unknown fields, money as a float, and a missing shop', () => {
    expect(validateEnvelope(placeOrder({ ...good, discount: 5 }), buyer, at)).toMatchObject({
      ok: false,
      errors: [{ field: 'payload.discount' }],
    });
    const price = validateEnvelope(
      {
        commandId: 'c',
        type: 'ListProduct',
        shopId: 's',
        payload: { productId: 'p', title: 't', price: 19.99, stock: 1 },
      },
      { role: 'SELLER' },
      at,
    );
    expect(price).toMatchObject({
      ok: false,
      errors: [{ field: 'payload.price', message: expect.stringContaining('minor units') }],
    });
    expect(validateEnvelope(placeOrder(good, { shopId: undefined }), buyer, at)).toMatchObject({
      ok: false,
      errors: [{ field: 'shopId' }],
    });
  });

  it('refuses a body that is not an object', () => {
    expect(validateEnvelope([1, 2], buyer, at)).toMatchObject({ ok: false, errors: [{ field: '(body)' }] });
  });

  it('refuses an unknown time zone', () => {
    const shop = {
      commandId: 'c',
      type: 'RegisterShop',
      shopId: 's',
      payload: { name: 'n', sellerId: 's', timeZone: 'Mars/Olympus', currency: 'USD' },
    };
    expect(validateEnvelope(shop, { role: 'PLATFORM' }, at)).toMatchObject({
      ok: false,
      errors: [{ field: 'payload.timeZone' }],
    });
  });

  it('makes the key the actor of every role but BUYER', () => {
    const seller = { role: 'SELLER' as const, shopId: 's', keyId: 'key-7' };
    const listing = {
      commandId: 'c',
      type: 'ListProduct',
      shopId: 's',
      payload: { productId: 'p', title: 't', price: 1, stock: 1 },
    };
    expect(validateEnvelope(listing, seller, at)).toMatchObject({
      ok: true,
      command: { metadata: { actor: { role: 'SELLER', id: 'key-7' }, keyId: 'key-7' } },
    });
  });

  it.each([
    ['constructor', { visitorId: { constructor: 1 } }, 'payload.visitorId.constructor'],
    ['__proto__', JSON.parse('{"visitorId": "v", "__proto__": {"x": 1}}'), 'payload.__proto__'],
    ['toString', { visitorId: { toString: 1 } }, 'payload.visitorId.toString'],
    ['prototype', { prototype: 1 }, 'payload.prototype'],
  ])('refuses a key named %s, naming where it is', (_, payload, field) => {
    const visit = { commandId: 'c', type: 'RecordVisit', shopId: 's', payload };
    expect(validateEnvelope(visit, { role: 'SYSTEM' }, at)).toEqual({
      ok: false,
      errors: [{ field, message: expect.stringContaining('not a field name') }],
    });
  });

  it('refuses a body nested 5,000 deep without walking it recursively', () => {
    let deep: unknown = 'v';
    for (let i = 0; i < 5000; i++) deep = [deep];
    const visit = { commandId: 'c', type: 'RecordVisit', shopId: 's', payload: { visitorId: deep } };
    expect(validateEnvelope(visit, { role: 'SYSTEM' }, at)).toMatchObject({
      ok: false,
      errors: [
        { field: expect.stringMatching(/^payload\.visitorId\[0\]/), message: expect.stringContaining('nested') },
      ],
    });
  });

  it.each([
    ['2026-11-27T10:00:00+14:00', '2026-11-26T20:00:00.000Z'],
    ['2026-11-27t15:04:05.123456z', '2026-11-27T15:04:05.123Z'],
    ['2026-11-27T15:04:05-08:00', '2026-11-27T23:04:05.000Z'],
  ])('stores the instant %s as %s', (occurredAt, canonical) => {
    expect(validateEnvelope(placeOrder(good, { metadata: { occurredAt } }), buyer, at)).toMatchObject({
      ok: true,
      command: { metadata: { occurredAt: canonical } },
    });
  });

  it.each([
    '2026-W48-5',
    '2026-331',
    '2026-11-27',
    '2026-11-27T15:04:05',
    '2026-02-30T00:00:00Z',
    '2026-11-27T24:00:00Z',
    '2026-12-31T23:59:60Z',
    '20261127T150405Z',
    '',
  ])('refuses the time %p, naming metadata.occurredAt', (occurredAt) => {
    expect(validateEnvelope(placeOrder(good, { metadata: { occurredAt } }), buyer, at)).toMatchObject({
      ok: false,
      errors: [{ field: 'metadata.occurredAt', message: expect.stringContaining('RFC 3339') }],
    });
  });
});
