import { expect } from '@jest/globals';
import type { Keys } from './seller-story';
import { at, LA, PLACED } from './timer-story';

/**
 * The performance story's inputs, on the Los Angeles shop of the timer story (2 handling days, the
 * mug at 1,200) with a pin at 500, refunds auto-approved up to 600 and answered in 24 h. Every
 * figure the spec asserts is worked out from these tables.
 */
export const POLICY = { handlingDays: 2, sellerResponseHours: 24, autoApproveLimit: 600, returnWindowDays: 7 };
/** The platform's fixed rules (DOMAIN.md), in hours. */
export const RULES = { shipByGraceHours: 72, cancellationResponseHours: 48 };
export const PRICES = { mug: 1200, pin: 500 } as const;
type Channel = 'LIVE' | 'VIDEO' | 'PRODUCT_CARD';
type Answer = { by: 'SELLER' | 'PLATFORM'; at: string };

export interface StoryOrder {
  orderId: string;
  buyerId: string;
  channel: Channel;
  product: keyof typeof PRICES;
  units: number;
  placedAt: string;
  shippedAt?: string;
  sellerCancelledAt?: string;
  /** A buyer's cancellation request; without an answer the system approves it at its deadline. */
  cancellation?: { at: string; answer?: Answer };
  /** A refund-only request of one unit, after shipping; approved by the seller, rejected by the platform. */
  refund?: { at: string; answer?: Answer };
}

/** Placed in the order the engine records them: p-late's LIVE order is recorded before the session's end. */
export const ORDERS: StoryOrder[] = [
  { orderId: 'o-1', buyerId: 'b-1', channel: 'LIVE', product: 'mug', units: 2, placedAt: PLACED }, // openShop's: auto-cancelled
  {
    orderId: 'p-1',
    buyerId: 'b-1',
    channel: 'LIVE',
    product: 'mug',
    units: 1,
    placedAt: '2026-11-03T18:00:00.000Z',
    shippedAt: '2026-11-04T18:00:00.000Z',
  },
  {
    orderId: 'p-2',
    buyerId: 'b-2',
    channel: 'VIDEO',
    product: 'mug',
    units: 2,
    placedAt: '2026-11-03T19:00:00.000Z',
    shippedAt: '2026-11-06T19:00:00.000Z',
  }, // late
  {
    orderId: 'p-3',
    buyerId: 'b-3',
    channel: 'PRODUCT_CARD',
    product: 'pin',
    units: 3,
    placedAt: '2026-11-04T18:00:00.000Z',
    sellerCancelledAt: '2026-11-04T20:00:00.000Z',
  },
  { orderId: 'p-4', buyerId: 'b-1', channel: 'LIVE', product: 'mug', units: 1, placedAt: '2026-11-05T18:00:00.000Z' }, // auto-cancelled
  {
    orderId: 'p-late',
    buyerId: 'b-4',
    channel: 'LIVE',
    product: 'pin',
    units: 2,
    placedAt: '2026-11-05T19:00:00.000Z',
  }, // after s-2 ended
  {
    orderId: 'p-5',
    buyerId: 'b-2',
    channel: 'LIVE',
    product: 'mug',
    units: 1,
    placedAt: '2026-11-06T18:00:00.000Z',
    cancellation: { at: '2026-11-06T20:00:00.000Z', answer: { by: 'SELLER', at: '2026-11-06T23:00:00.000Z' } },
  },
  {
    orderId: 'p-6',
    buyerId: 'b-5',
    channel: 'VIDEO',
    product: 'mug',
    units: 1,
    placedAt: '2026-11-07T18:00:00.000Z',
    cancellation: { at: '2026-11-07T19:30:00.000Z' },
  },
  {
    orderId: 'p-7',
    buyerId: 'b-3',
    channel: 'PRODUCT_CARD',
    product: 'mug',
    units: 2,
    placedAt: '2026-11-07T20:00:00.000Z',
    shippedAt: '2026-11-08T10:00:00.000Z',
    refund: { at: '2026-11-10T10:00:00.000Z', answer: { by: 'SELLER', at: '2026-11-10T15:00:00.000Z' } },
  },
  {
    orderId: 'p-8',
    buyerId: 'b-6',
    channel: 'VIDEO',
    product: 'pin',
    units: 1,
    placedAt: '2026-11-08T18:00:00.000Z',
    shippedAt: '2026-11-09T12:00:00.000Z',
    refund: { at: '2026-11-09T13:00:00.000Z' },
  }, // under the limit
  {
    orderId: 'p-9',
    buyerId: 'b-1',
    channel: 'VIDEO',
    product: 'mug',
    units: 1,
    placedAt: '2026-11-08T19:00:00.000Z',
    shippedAt: '2026-11-09T12:00:00.000Z',
    refund: { at: '2026-11-11T12:00:00.000Z' },
  },
  {
    orderId: 'p-10',
    buyerId: 'b-7',
    channel: 'PRODUCT_CARD',
    product: 'mug',
    units: 1,
    placedAt: '2026-11-08T20:00:00.000Z',
    shippedAt: '2026-11-12T21:00:00.000Z',
    refund: { at: '2026-11-13T13:00:00.000Z', answer: { by: 'PLATFORM', at: '2026-11-13T14:00:00.000Z' } },
  }, // late
  {
    orderId: 'p-after',
    buyerId: 'b-4',
    channel: 'LIVE',
    product: 'mug',
    units: 1,
    placedAt: '2026-11-05T18:20:00.000Z',
  }, // recorded after s-2 ended, placed during it
  {
    orderId: 'p-11',
    buyerId: 'b-8',
    channel: 'LIVE',
    product: 'mug',
    units: 3,
    placedAt: '2026-11-12T18:00:00.000Z',
    shippedAt: '2026-11-13T18:00:00.000Z',
  },
];

export const SESSIONS = [
  { sessionId: 's-1', startedAt: '2026-11-03T17:00:00.000Z', endedAt: '2026-11-03T18:30:00.000Z' },
  { sessionId: 's-2', startedAt: '2026-11-05T17:00:00.000Z', endedAt: '2026-11-05T18:30:00.000Z' },
  { sessionId: 's-3', startedAt: '2026-11-06T17:00:00.000Z', endedAt: null }, // still live
];

export const VISITS = [
  { visitorId: 'v-1', at: '2026-11-03T17:30:00.000Z' },
  { visitorId: 'v-1', at: '2026-11-04T17:30:00.000Z' },
  { visitorId: 'v-2', at: '2026-11-05T17:30:00.000Z' },
  { visitorId: 'b-1', at: '2026-11-07T17:30:00.000Z' },
  { visitorId: 'v-3', at: '2026-11-10T17:30:00.000Z' },
];

/** Past every deadline of the story: the test clock goes here and the timers fire. */
export const CLOCK_AFTER = '2026-11-30T00:00:00.000Z';

async function accepted(answer: Promise<{ status: number; body: Record<string, unknown> }>) {
  const { status, body } = await answer;
  expect({ status, body }).toMatchObject({ status: 200, body: { status: 'accepted' } });
}

/** Sends the story after openShop: policies, the pin, visits, sessions and every order with its fate. */
export async function tellTheStory({ platform, seller, buyer, system }: Keys) {
  const opened = '2026-11-01T00:00:00Z';
  const { returnWindowDays, autoApproveLimit, sellerResponseHours } = POLICY;
  await accepted(
    seller.send('SetRefundPolicy', LA, { returnWindowDays, autoApproveLimit, sellerResponseHours }, opened),
  );
  await accepted(seller.send('AdjustStock', LA, { productId: 'mug', delta: 100 }, opened));
  await accepted(
    seller.send('ListProduct', LA, { productId: 'pin', title: 'Pin', price: PRICES.pin, stock: 100 }, opened),
  );
  await accepted(platform.send('ApproveProduct', LA, { productId: 'pin' }, opened));
  for (const v of VISITS) await accepted(system.send('RecordVisit', LA, { visitorId: v.visitorId }, v.at));
  const [s1, s2, s3] = SESSIONS;
  await accepted(seller.send('StartLiveSession', LA, { sessionId: s1!.sessionId, title: 'mugs' }, s1!.startedAt));
  await accepted(seller.send('EndLiveSession', LA, { sessionId: s1!.sessionId }, s1!.endedAt!));
  await accepted(seller.send('StartLiveSession', LA, { sessionId: s2!.sessionId, title: 'pins' }, s2!.startedAt));
  for (const order of ORDERS.slice(1)) {
    // s-2's end is recorded after p-late (placed after it) and before p-after (placed during it).
    if (order.orderId === 'p-after')
      await accepted(seller.send('EndLiveSession', LA, { sessionId: 's-2' }, s2!.endedAt!));
    if (order.orderId === 'p-5')
      await accepted(seller.send('StartLiveSession', LA, { sessionId: s3!.sessionId }, s3!.startedAt));
    await tellOrder({ seller, buyer, platform }, order);
  }
}

async function tellOrder({ seller, buyer, platform }: Pick<Keys, 'seller' | 'buyer' | 'platform'>, o: StoryOrder) {
  const { orderId } = o;
  const lines = [{ productId: o.product, quantity: o.units }];
  const shipTo = { country: 'US', region: 'CA' };
  await accepted(
    buyer.send('PlaceOrder', LA, { orderId, buyerId: o.buyerId, lines, shipTo, channel: o.channel }, o.placedAt),
  );
  if (o.sellerCancelledAt)
    await accepted(seller.send('CancelOrder', LA, { orderId, reason: 'out of stock' }, o.sellerCancelledAt));
  if (o.cancellation) {
    const cancellationId = `c-${orderId}`;
    await accepted(
      buyer.send('RequestCancellation', LA, { orderId, cancellationId, reason: 'changed my mind' }, o.cancellation.at),
    );
    if (o.cancellation.answer)
      await accepted(seller.send('ApproveCancellation', LA, { orderId, cancellationId }, o.cancellation.answer.at));
  }
  if (o.shippedAt)
    await accepted(
      seller.send('ShipOrder', LA, { orderId, carrier: 'UPS_GROUND', trackingNumber: `1Z-${orderId}` }, o.shippedAt),
    );
  if (o.refund) {
    const refundId = `r-${orderId}`;
    const refund = {
      orderId,
      refundId,
      refundType: 'REFUND_ONLY',
      reason: 'broken',
      lines: [{ productId: o.product, quantity: 1 }],
    };
    await accepted(buyer.send('RequestRefund', LA, refund, o.refund.at));
    const answer = o.refund.answer;
    if (answer?.by === 'SELLER') await accepted(seller.send('ApproveRefund', LA, { orderId, refundId }, answer.at));
    if (answer?.by === 'PLATFORM')
      await accepted(platform.send('RejectRefund', LA, { orderId, refundId, reason: 'not covered' }, answer.at));
  }
}

export { at };
