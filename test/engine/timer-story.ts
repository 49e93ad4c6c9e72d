import { expect } from '@jest/globals';
import { client } from './engine-harness';
import type { Keys } from './seller-story';

export const LA = 'shop-la';
export const at = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3_600_000).toISOString();
/** When the orders are placed: with 2 handling days, shipBy is two days later, the auto-cancel 72 h after that. */
export const PLACED = '2026-11-02T10:00:00.000Z';

/** A shop that ships in 2 days, a mug in stock, and order o-1 placed at PLACED. */
export async function openShop({ platform, seller, buyer }: Keys) {
  const shop = { name: 'LA Threads', sellerId: 's-la', timeZone: 'America/Los_Angeles', currency: 'USD' };
  const template = {
    zones: [{ name: 'US', regions: ['US'], fee: 500 }],
    excludedRegions: [],
    freeShippingThreshold: null,
    shippingDiscountPercent: 0,
  };
  const steps = [
    () => platform.send('RegisterShop', LA, shop, '2026-11-01T00:00:00Z'),
    () =>
      seller.send(
        'ConfigureShipping',
        LA,
        { mode: 'SELLER_SHIPPING', carriers: ['UPS_GROUND'], handlingDays: 2 },
        '2026-11-01T00:00:00Z',
      ),
    () => seller.send('SaveShippingTemplate', LA, template, '2026-11-01T00:00:00Z'),
    () =>
      seller.send('ListProduct', LA, { productId: 'mug', title: 'Mug', price: 1200, stock: 5 }, '2026-11-01T00:00:00Z'),
    () => platform.send('ApproveProduct', LA, { productId: 'mug' }, '2026-11-01T00:00:00Z'),
    () =>
      buyer.send(
        'PlaceOrder',
        LA,
        {
          orderId: 'o-1',
          buyerId: 'b-1',
          lines: [{ productId: 'mug', quantity: 2 }],
          shipTo: { country: 'US', region: 'CA' },
          channel: 'LIVE',
        },
        PLACED,
      ),
  ];
  for (const step of steps) expect(await step()).toMatchObject({ status: 200, body: { status: 'accepted' } });
}

/** Three orders whose deadlines fall in November: one never shipped, one shipped, one the buyer asks to cancel. */
export async function aMonthOfDeadlines(keys: Keys) {
  await openShop(keys);
  const place = (orderId: string) =>
    keys.buyer.send(
      'PlaceOrder',
      LA,
      {
        orderId,
        buyerId: 'b-1',
        lines: [{ productId: 'mug', quantity: 1 }],
        shipTo: { country: 'US', region: 'CA' },
        channel: 'LIVE',
      },
      PLACED,
    );
  const steps = [
    () => place('o-2'),
    () => place('o-3'),
    () =>
      keys.seller.send('ShipOrder', LA, { orderId: 'o-2', carrier: 'UPS_GROUND', trackingNumber: '1Z' }, at(PLACED, 5)),
    () =>
      keys.buyer.send(
        'RequestCancellation',
        LA,
        { orderId: 'o-3', cancellationId: 'c-1', reason: 'late' },
        at(PLACED, 6),
      ),
  ];
  for (const step of steps) expect(await step()).toMatchObject({ status: 200, body: { status: 'accepted' } });
}

/** What an analyst sees of the shop: every order's status and history (types, business times, actors), the dashboard. */
export async function whatTheShopShows(url: string, analystKey: string) {
  const analyst = client(url, analystKey);
  const orders: Record<string, unknown> = {};
  for (const id of ['o-1', 'o-2', 'o-3']) {
    const { body } = await analyst.get<{ status: string; history: { type: string; at: string; by: string }[] }>(
      `/v1/shops/${LA}/orders/${id}`,
    );
    orders[id] = { status: body.status, history: body.history.map(({ type, at, by }) => ({ type, at, by })) };
  }
  const dashboard = (
    await analyst.get(`/v1/shops/${LA}/dashboard?from=2026-11-01&to=2027-01-01&asOf=2026-11-01T00:00:00Z`)
  ).body;
  return { orders, dashboard };
}

export const analystKey = async (platform: ReturnType<typeof client>) =>
  (await platform.call<{ key: string }>('POST', '/v1/api-keys', { name: 'analyst', role: 'ANALYST' })).body.key;
