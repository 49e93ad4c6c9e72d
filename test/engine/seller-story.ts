import { expect } from '@jest/globals';
import { client, type Engine } from './engine-harness';

type Client = ReturnType<typeof client>;
const LA = 'shop-la';
const TYO = 'shop-tyo';

export interface Keys {
  platform: Client;
  seller: Client;
  tokyoSeller: Client;
  buyer: Client;
  system: Client;
  analyst: Client;
}

async function accepted(answer: Promise<{ status: number; body: Record<string, unknown> }>) {
  const { status, body } = await answer;
  expect({ status, body }).toMatchObject({ status: 200, body: { status: 'accepted' } });
  return body as { positions: number[] };
}

async function rejected(
  answer: Promise<{ status: number; body: Record<string, unknown> }>,
  code: string,
  status: number,
) {
  expect(await answer).toMatchObject({ status, body: { status: 'rejected', code } });
}

export async function keysFor(engine: Engine): Promise<Keys> {
  const platform = client(engine.url, engine.platformKey);
  const key = async (role: string, shopId?: string) => {
    const { status, body } = await platform.call<{ key: string }>('POST', '/v1/api-keys', {
      name: `${role} key`,
      role,
      shopId,
    });
    expect(status).toBe(201);
    return client(engine.url, body.key);
  };
  return {
    platform,
    seller: await key('SELLER', LA),
    tokyoSeller: await key('SELLER', TYO),
    buyer: await key('BUYER'),
    system: await key('SYSTEM'),
    analyst: await key('ANALYST'),
  };
}

const order = (orderId: string, lines: [string, number][], region = 'CA') => ({
  orderId,
  buyerId: `b-${orderId}`,
  lines: lines.map(([productId, quantity]) => ({ productId, quantity })),
  shipTo: { country: 'US', region },
  channel: 'LIVE',
});

/**
 * A Black Friday week of a Los Angeles shop (and a Tokyo one), told through the HTTP API.
 * Returns the last position written, for read-your-writes.
 */
export async function tellTheStory({ platform, seller, tokyoSeller, buyer, system }: Keys): Promise<number> {
  await accepted(
    platform.send(
      'RegisterShop',
      LA,
      { name: 'LA Threads', sellerId: 's-la', timeZone: 'America/Los_Angeles', currency: 'USD' },
      '2026-11-01T00:00:00Z',
    ),
  );
  await accepted(
    platform.send(
      'RegisterShop',
      TYO,
      { name: 'Tokyo Goods', sellerId: 's-tyo', timeZone: 'Asia/Tokyo', currency: 'USD' },
      '2026-11-01T00:00:00Z',
    ),
  );
  await accepted(
    seller.send(
      'ConfigureShipping',
      LA,
      { mode: 'SELLER_SHIPPING', carriers: ['UPS_GROUND', 'UPS_2ND_DAY_AIR'] },
      '2026-11-02T00:00:00Z',
    ),
  );
  const template = {
    zones: [
      { name: 'West', regions: ['US-CA', 'US-WA', 'US-OR'], fee: 599 },
      { name: 'Rest of US', regions: ['US'], fee: 899 },
    ],
    excludedRegions: ['US-AK', 'US-HI'],
    freeShippingThreshold: 5000,
    shippingDiscountPercent: 10,
  };
  await accepted(seller.send('SaveShippingTemplate', LA, template, '2026-11-02T00:00:00Z'));
  await accepted(
    seller.send('SetRefundPolicy', LA, { returnWindowDays: 7, autoApproveLimit: 1000 }, '2026-11-02T00:00:00Z'),
  );
  for (const [productId, price, stock] of [
    ['hoodie', 4500, 20],
    ['mug', 1500, 50],
    ['sticker', 800, 100],
    ['cap', 2500, 5],
    ['fake', 1000, 10],
  ] as const) {
    await accepted(
      seller.send('ListProduct', LA, { productId, title: productId, price, stock }, '2026-11-03T00:00:00Z'),
    );
    await accepted(platform.send('ApproveProduct', LA, { productId }, '2026-11-04T00:00:00Z'));
  }
  await accepted(
    platform.send('FlagProductIssue', LA, { productId: 'fake', reason: 'misleading title' }, '2026-11-25T00:00:00Z'),
  );

  const bf = {
    campaignId: 'bf-2026',
    name: 'Black Friday',
    registrationStartsAt: '2026-11-01T00:00:00Z',
    registrationEndsAt: '2026-11-25T00:00:00Z',
    startsAt: '2026-11-27T08:00:00Z',
    endsAt: '2026-11-28T08:00:00Z',
    minimumDiscountPercent: 20,
  };
  await accepted(platform.send('CreateCampaign', undefined, bf, '2026-11-01T00:00:00Z'));
  await accepted(
    seller.send(
      'JoinCampaign',
      LA,
      { campaignId: 'bf-2026', products: [{ productId: 'hoodie', campaignPrice: 3500, reservedStock: 10 }] },
      '2026-11-20T00:00:00Z',
    ),
  );
  await rejected(
    seller.send(
      'JoinCampaign',
      LA,
      { campaignId: 'bf-2026', products: [{ productId: 'mug', campaignPrice: 1300, reservedStock: 5 }] },
      '2026-11-20T00:00:00Z',
    ),
    'campaign.discount-too-small',
    422,
  );

  for (const [visitorId, at] of [
    ['v-1', '2026-11-26T17:00:00Z'],
    ['v-2', '2026-11-26T20:00:00Z'],
    ['v-1', '2026-11-27T07:30:00Z'],
    ['v-1', '2026-11-27T18:00:00Z'],
    ['v-3', '2026-11-27T19:00:00Z'],
    ['v-4', '2026-11-28T08:30:00Z'],
  ]) {
    await accepted(system.send('RecordVisit', LA, { visitorId, productId: 'hoodie' }, at));
  }
  await accepted(system.send('RecordVisit', TYO, { visitorId: 'v-9' }, '2026-11-27T14:59:00Z'));
  await accepted(system.send('RecordVisit', TYO, { visitorId: 'v-9' }, '2026-11-27T15:00:00Z'));
  await accepted(
    seller.send('StartLiveSession', LA, { sessionId: 'live-1', title: 'Black Friday drop' }, '2026-11-27T10:00:00Z'),
  );
  await accepted(seller.send('EndLiveSession', LA, { sessionId: 'live-1' }, '2026-11-27T12:00:00Z'));
  await accepted(seller.send('StartLiveSession', LA, { sessionId: 'live-2' }, '2026-11-28T03:00:00Z'));
  await rejected(
    tokyoSeller.send('StartLiveSession', LA, { sessionId: 'live-x' }, '2026-11-28T03:00:00Z'),
    'auth.not-own-shop',
    403,
  );

  await accepted(
    buyer.send(
      'PlaceOrder',
      LA,
      order('o-1', [
        ['hoodie', 1],
        ['mug', 2],
        ['sticker', 1],
      ]),
      '2026-11-26T18:00:00Z',
    ),
  );
  await accepted(buyer.send('PlaceOrder', LA, order('o-3', [['hoodie', 1]], 'TX'), '2026-11-27T07:59:00Z'));
  await accepted(buyer.send('PlaceOrder', LA, order('o-2', [['hoodie', 2]], 'TX'), '2026-11-27T09:00:00Z'));
  await accepted(buyer.send('PlaceOrder', LA, order('o-4', [['hoodie', 1]]), '2026-11-28T08:00:00Z'));
  await accepted(buyer.send('PlaceOrder', LA, order('o-7', [['cap', 1]]), '2026-11-28T09:00:00Z'));
  await rejected(
    buyer.send('PlaceOrder', LA, order('o-5', [['mug', 1]], 'AK'), '2026-11-28T09:00:00Z'),
    'shipping.region-excluded',
    422,
  );
  await rejected(
    buyer.send('PlaceOrder', LA, order('o-6', [['fake', 1]]), '2026-11-28T09:00:00Z'),
    'product.not-active',
    422,
  );
  await accepted(buyer.send('CancelOrder', LA, { orderId: 'o-7', reason: 'ordered twice' }, '2026-11-28T10:00:00Z'));

  const ship = (orderId: string, carrier: string, at: string) =>
    seller.send('ShipOrder', LA, { orderId, carrier, trackingNumber: `1Z-${orderId}` }, at);
  await accepted(ship('o-1', 'UPS_GROUND', '2026-11-27T20:00:00Z'));
  await accepted(ship('o-2', 'UPS_2ND_DAY_AIR', '2026-11-27T21:00:00Z'));
  await rejected(ship('o-3', 'FEDEX', '2026-11-27T22:00:00Z'), 'carrier.not-enabled', 422);
  await accepted(ship('o-3', 'UPS_GROUND', '2026-11-27T22:00:00Z'));
  await accepted(ship('o-4', 'UPS_GROUND', '2026-11-28T20:00:00Z'));
  await rejected(ship('o-7', 'UPS_GROUND', '2026-11-28T20:00:00Z'), 'order.cancelled', 422);
  await accepted(system.send('ConfirmDelivery', LA, { orderId: 'o-1' }, '2026-11-28T20:00:00Z'));
  await accepted(system.send('ConfirmDelivery', LA, { orderId: 'o-2' }, '2026-11-29T18:00:00Z'));
  await accepted(system.send('ConfirmDelivery', LA, { orderId: 'o-3' }, '2026-11-29T19:00:00Z'));
  await accepted(
    platform.send('SuspendProduct', LA, { productId: 'cap', reason: 'counterfeit report' }, '2026-11-29T00:00:00Z'),
  );

  const refund = (orderId: string, refundId: string, refundType: string, lines: [string, number][], at: string) =>
    buyer.send(
      'RequestRefund',
      LA,
      {
        orderId,
        refundId,
        refundType,
        lines: lines.map(([productId, quantity]) => ({ productId, quantity })),
        reason: 'not as described',
      },
      at,
    );
  const decide = (who: Client, type: string, orderId: string, refundId: string, at: string, extra: object = {}) =>
    who.send(type, LA, { orderId, refundId, ...extra }, at);
  await accepted(refund('o-1', 'r-1', 'REFUND_ONLY', [['mug', 1]], '2026-11-29T17:00:00Z'));
  await accepted(decide(seller, 'ApproveRefund', 'o-1', 'r-1', '2026-11-29T18:00:00Z'));
  await accepted(decide(seller, 'IssueRefund', 'o-1', 'r-1', '2026-11-30T17:00:00Z'));
  await accepted(refund('o-2', 'r-2', 'RETURN_AND_REFUND', [['hoodie', 1]], '2026-11-30T18:00:00Z'));
  await accepted(decide(seller, 'ApproveRefund', 'o-2', 'r-2', '2026-11-30T19:00:00Z'));
  await rejected(
    decide(seller, 'IssueRefund', 'o-2', 'r-2', '2026-12-01T00:00:00Z'),
    'refund.return-not-received',
    422,
  );
  await accepted(decide(seller, 'ReceiveReturn', 'o-2', 'r-2', '2026-12-02T18:00:00Z'));
  await accepted(decide(seller, 'IssueRefund', 'o-2', 'r-2', '2026-12-02T19:00:00Z'));
  await accepted(refund('o-3', 'r-3', 'REFUND_ONLY', [['hoodie', 1]], '2026-11-30T20:00:00Z'));
  await accepted(decide(seller, 'RejectRefund', 'o-3', 'r-3', '2026-11-30T21:00:00Z', { reason: 'no damage shown' }));
  await accepted(refund('o-1', 'r-4', 'REFUND_ONLY', [['mug', 1]], '2026-12-01T17:00:00Z'));
  await accepted(refund('o-1', 'r-5', 'REFUND_ONLY', [['sticker', 1]], '2026-12-01T17:30:00Z'));
  await accepted(decide(system, 'IssueRefund', 'o-1', 'r-5', '2026-12-01T18:00:00Z'));
  await rejected(
    refund('o-1', 'r-6', 'REFUND_ONLY', [['mug', 1]], '2026-12-01T19:00:00Z'),
    'refund.quantity-exceeded',
    422,
  );
  await rejected(
    refund('o-1', 'r-7', 'REFUND_ONLY', [['hoodie', 1]], '2026-12-05T20:01:00Z'),
    'refund.window-expired',
    422,
  );
  await accepted(system.send('CompleteOrder', LA, { orderId: 'o-3' }, '2026-12-07T00:00:00Z'));
  await accepted(system.send('CompleteOrder', LA, { orderId: 'o-2' }, '2026-12-07T00:00:00Z'));
  await rejected(
    system.send('CompleteOrder', LA, { orderId: 'o-1' }, '2026-12-07T00:00:00Z'),
    'order.refund-open',
    422,
  );
  const last = await accepted(
    seller.send(
      'AdjustStock',
      LA,
      { productId: 'mug', delta: -3, reason: 'broken in storage' },
      '2026-12-07T00:00:00Z',
    ),
  );
  await rejected(refund('o-2', 'r-8', 'REFUND_ONLY', [['hoodie', 1]], '2026-12-07T01:00:00Z'), 'order.completed', 422);
  return last.positions[0]!;
}
