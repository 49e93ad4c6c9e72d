import { expect } from '@jest/globals';
import { client, type Engine } from './engine-harness';
import { keysFor, type Keys } from './seller-story';

/**
 * The December story's inputs: a Los Angeles shop that ships in 2 days and answers refunds in 24 h,
 * with a 3-day return window. Every figure the spec asserts is worked out from these.
 */
export const DEC = 'shop-dec';
export const POLICY = { handlingDays: 2, sellerResponseHours: 24, returnWindowDays: 3 };
/** The platform's fixed rules (DOMAIN.md): ship-by grace and cancellation response, in hours. */
export const RULES = { shipByGraceHours: 72, cancellationResponseHours: 48 };
export const FEE = 500;
export const PRODUCTS = { scarf: { price: 3000, stock: 10 }, gloves: { price: 1200, stock: 20 } };
type Product = keyof typeof PRODUCTS;

export const ORDERS: Record<string, { placedAt: string; lines: [Product, number][] }> = {
  'd-1': {
    placedAt: '2026-12-01T18:00:00.000Z',
    lines: [
      ['scarf', 1],
      ['gloves', 2],
    ],
  }, // two packages, the second late
  'd-2': { placedAt: '2026-12-01T19:00:00.000Z', lines: [['scarf', 1]] }, // cancellation approved by the seller
  'd-3': { placedAt: '2026-12-01T20:00:00.000Z', lines: [['gloves', 1]] }, // cancellation rejected, then shipped
  'd-4': { placedAt: '2026-12-02T00:00:00.000Z', lines: [['scarf', 2]] }, // cancellation never answered: auto-approved
  'd-5': { placedAt: '2026-12-02T01:00:00.000Z', lines: [['gloves', 3]] }, // never shipped: auto-cancelled
  'd-6': {
    placedAt: '2026-12-03T00:00:00.000Z',
    lines: [
      ['scarf', 1],
      ['gloves', 1],
    ],
  }, // partly shipped, stays overdue
};

export const hours = (iso: string, h: number) => new Date(Date.parse(iso) + h * 3_600_000).toISOString();
export const shipBy = (orderId: string) => hours(ORDERS[orderId]!.placedAt, POLICY.handlingDays * 24);
export const autoCancelAt = (orderId: string) => hours(shipBy(orderId), RULES.shipByGraceHours);

/** When each request or shipment of the story happens. */
export const T = {
  d1FirstBox: '2026-12-02T10:00:00.000Z',
  c2Asked: '2026-12-01T21:00:00.000Z',
  c2Approved: '2026-12-02T09:00:00.000Z',
  c3Asked: '2026-12-02T08:00:00.000Z',
  c3Rejected: '2026-12-02T12:00:00.000Z',
  d3Shipped: '2026-12-02T13:00:00.000Z',
  c4Asked: '2026-12-02T02:00:00.000Z',
  d6FirstBox: '2026-12-03T05:00:00.000Z',
  d1SecondBox: '2026-12-04T12:00:00.000Z',
  d1FirstDelivered: '2026-12-05T10:00:00.000Z',
  r3Asked: '2026-12-05T12:00:00.000Z',
  d1SecondDelivered: '2026-12-06T10:00:00.000Z',
  r3Rejected: '2026-12-06T11:00:00.000Z',
};

type Answer = Promise<{ status: number; body: Record<string, unknown> }>;
export async function accepted(answer: Answer) {
  const { status, body } = await answer;
  expect({ status, body }).toMatchObject({ status: 200, body: { status: 'accepted' } });
}
export async function rejected(answer: Answer, code: string) {
  expect(await answer).toMatchObject({ status: 422, body: { status: 'rejected', code } });
}

/** The seller story's keys, the seller's for this shop. */
export async function decemberKeys(engine: Engine): Promise<Keys> {
  const keys = await keysFor(engine);
  const made = await keys.platform.call<{ key: string }>('POST', '/v1/api-keys', {
    name: 'december seller',
    role: 'SELLER',
    shopId: DEC,
  });
  expect(made.status).toBe(201);
  return { ...keys, seller: client(engine.url, made.body.key) };
}

/** The shop, its policies and products. */
export async function openTheShop({ platform, seller }: Keys) {
  const shop = { name: 'December Knits', sellerId: 's-dec', timeZone: 'America/Los_Angeles', currency: 'USD' };
  const template = {
    zones: [{ name: 'US', regions: ['US'], fee: FEE }],
    excludedRegions: [],
    freeShippingThreshold: null,
    shippingDiscountPercent: 0,
  };
  const at = '2026-11-20T00:00:00Z';
  await accepted(platform.send('RegisterShop', DEC, shop, at));
  const shipping = { mode: 'SELLER_SHIPPING', carriers: ['UPS_GROUND'], handlingDays: POLICY.handlingDays };
  await accepted(seller.send('ConfigureShipping', DEC, shipping, at));
  await accepted(seller.send('SaveShippingTemplate', DEC, template, at));
  const { returnWindowDays, sellerResponseHours } = POLICY;
  await accepted(
    seller.send('SetRefundPolicy', DEC, { returnWindowDays, autoApproveLimit: 0, sellerResponseHours }, at),
  );
  for (const [productId, { price, stock }] of Object.entries(PRODUCTS)) {
    await accepted(seller.send('ListProduct', DEC, { productId, title: productId, price, stock }, at));
    await accepted(platform.send('ApproveProduct', DEC, { productId }, at));
  }
}

const box = (orderId: string, packageId: string, lines: [Product, number][]) => ({
  orderId,
  packageId,
  lines: lines.map(([productId, quantity]) => ({ productId, quantity })),
  carrier: 'UPS_GROUND',
  trackingNumber: `1Z-${packageId}`,
});
const ask = (orderId: string, cancellationId: string) => ({ orderId, cancellationId, reason: 'changed my mind' });

/** Up to 3 Dec 05:00: the orders, the first packages, three cancellation requests (one still open). */
export async function theFirstDays({ seller, buyer }: Keys) {
  for (const [orderId, { placedAt, lines }] of Object.entries(ORDERS)) {
    const payload = {
      orderId,
      buyerId: `b-${orderId}`,
      lines: lines.map(([productId, quantity]) => ({ productId, quantity })),
      shipTo: { country: 'US', region: 'CA' },
      channel: 'PRODUCT_CARD',
    };
    await accepted(buyer.send('PlaceOrder', DEC, payload, placedAt));
  }
  await accepted(seller.send('ShipPackage', DEC, box('d-1', 'd-1/a', [['scarf', 1]]), T.d1FirstBox));
  await rejected(
    seller.send('ShipPackage', DEC, box('d-1', 'd-1/x', [['scarf', 1]]), T.d1FirstBox),
    'package.quantity-exceeded',
  );
  await accepted(buyer.send('RequestCancellation', DEC, ask('d-2', 'c-2'), T.c2Asked));
  await accepted(seller.send('ApproveCancellation', DEC, { orderId: 'd-2', cancellationId: 'c-2' }, T.c2Approved));
  await accepted(buyer.send('RequestCancellation', DEC, ask('d-3', 'c-3'), T.c3Asked));
  const no = { orderId: 'd-3', cancellationId: 'c-3', reason: 'already packed' };
  await accepted(seller.send('RejectCancellation', DEC, no, T.c3Rejected));
  await accepted(
    seller.send('ShipOrder', DEC, { orderId: 'd-3', carrier: 'UPS_GROUND', trackingNumber: '1Z-d-3' }, T.d3Shipped),
  );
  await accepted(buyer.send('RequestCancellation', DEC, ask('d-4', 'c-4'), T.c4Asked));
  await rejected(
    seller.send('ShipPackage', DEC, box('d-4', 'd-4/a', [['scarf', 1]]), T.d6FirstBox),
    'order.cancellation-pending',
  );
  await accepted(seller.send('ShipPackage', DEC, box('d-6', 'd-6/a', [['gloves', 1]]), T.d6FirstBox));
}

/** 4 Dec: d-1's second package, after its shipBy. */
export const theLateBox = ({ seller }: Keys) =>
  accepted(seller.send('ShipPackage', DEC, box('d-1', 'd-1/b', [['gloves', 2]]), T.d1SecondBox));

/** 5–6 Dec: d-1 delivered package by package; a refund asked on d-3. */
export async function deliveries({ system, buyer }: Keys) {
  await accepted(system.send('ConfirmDelivery', DEC, { orderId: 'd-1', packageId: 'd-1/a' }, T.d1FirstDelivered));
  const refund = { orderId: 'd-3', refundId: 'r-3', refundType: 'REFUND_ONLY', reason: 'wrong size' };
  await accepted(
    buyer.send('RequestRefund', DEC, { ...refund, lines: [{ productId: 'gloves', quantity: 1 }] }, T.r3Asked),
  );
  await accepted(system.send('ConfirmDelivery', DEC, { orderId: 'd-1', packageId: 'd-1/b' }, T.d1SecondDelivered));
}

/** 6 Dec: the seller refuses the refund before its respondBy. */
export const theRefundRefused = ({ seller }: Keys) =>
  accepted(seller.send('RejectRefund', DEC, { orderId: 'd-3', refundId: 'r-3', reason: 'worn' }, T.r3Rejected));
