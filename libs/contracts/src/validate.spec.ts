import 'reflect-metadata';
import { validateEnvelope } from './validate';

const at = new Date('2026-11-27T15:04:05.000Z');
const buyer = { role: 'BUYER' as const, id: 'storefront' };
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
  it('builds the domain command, the caller as actor and the receipt time as default', () => {
    expect(validateEnvelope(placeOrder(good), buyer, at)).toEqual({
      ok: true,
      commandId: 'c-1',
      command: {
        type: 'PlaceOrder',
        shopId: 'shop-42',
        payload: good,
        metadata: { actor: { role: 'BUYER', id: 'storefront' }, occurredAt: '2026-11-27T15:04:05.000Z' },
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
});
