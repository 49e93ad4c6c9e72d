import { describeWith, eventuallyExpect, freshSchema, TEST_PG_URL } from '@sce/test-stack';
import {
  autoCancelAt,
  DEC,
  decemberKeys,
  deliveries,
  FEE,
  hours,
  openTheShop,
  ORDERS,
  POLICY,
  PRODUCTS,
  RULES,
  shipBy,
  T,
  theFirstDays,
  theLateBox,
  theRefundRefused,
} from './december-story';
import { startEngine, type Engine } from './engine-harness';
import type { Keys } from './seller-story';

type Body = Record<string, any>;
const ids = Object.keys(ORDERS);
const items = (id: string) =>
  ORDERS[id]!.lines.reduce((n, [product, quantity]) => n + PRODUCTS[product].price * quantity, 0);
const units = (id: string) => ORDERS[id]!.lines.reduce((n, [, quantity]) => n + quantity, 0);
const before = (a: string, b: string) => Date.parse(a) < Date.parse(b);
const cancellationRespondBy = (asked: string) => hours(asked, RULES.cancellationResponseHours);
const refundRespondBy = hours(T.r3Asked, POLICY.sellerResponseHours);
/** The first second after d-1's return window, which starts at its last package's delivery. */
const d1CompleteAt = new Date(
  Date.parse(hours(T.d1SecondDelivered, POLICY.returnWindowDays * 24)) + 1000,
).toISOString();
/** Where each order ends once the clock has passed every deadline of the story. */
const FINAL: Record<string, string> = {
  'd-1': 'COMPLETED',
  'd-2': 'CANCELLED',
  'd-3': 'SHIPPED',
  'd-4': 'CANCELLED',
  'd-5': 'CANCELLED',
  'd-6': 'PARTIALLY_SHIPPED',
};

function decemberChecks(open: () => Promise<Engine>) {
  let engine: Engine;
  let keys: Keys;
  beforeAll(async () => {
    engine = await open();
    keys = await decemberKeys(engine);
    await openTheShop(keys);
  });
  afterAll(async () => engine?.stop());

  const read = async (path: string): Promise<Body> => {
    const { status, body } = await keys.seller.get(`/v1/shops/${DEC}${path}`);
    expect({ path, status }).toEqual({ path, status: 200 });
    return body as Body;
  };
  const clock = async (at: string) =>
    expect(await keys.platform.call('PUT', '/v1/test/clock', { at })).toMatchObject({ status: 200, body: { now: at } });
  /** The to-ship queue the story expects at `asOf`: still-to-ship orders by shipBy, overdue past it. */
  const queueAt = (asOf: string, toShip: string[]) =>
    [...toShip]
      .sort((a, b) => Date.parse(shipBy(a)) - Date.parse(shipBy(b)))
      .map((orderId) => ({ orderId, shipBy: shipBy(orderId), overdue: before(shipBy(orderId), asOf) }));
  const queue = (answer: Body) =>
    answer.orders.map((o: Body) => ({ orderId: o.orderId, shipBy: o.shipBy, overdue: o.overdue }));

  it('3 Dec: queues what is to ship by shipBy at the engine clock, with partial packages and the pending request', async () => {
    await theFirstDays(keys);
    const now = '2026-12-03T12:00:00.000Z';
    await clock(now);
    const stillToShip = ['d-1', 'd-4', 'd-5', 'd-6'];
    await eventuallyExpect(async () => {
      const toShip = await read('/orders/to-ship');
      expect(toShip.asOf).toBe(now); // the engine's clock, not the machine's
      expect(queue(toShip)).toEqual(queueAt(now, stillToShip));
    });
    const toShip = await read('/orders/to-ship');
    const byId = Object.fromEntries(toShip.orders.map((o: Body) => [o.orderId, o]));
    expect(byId['d-1']).toMatchObject({ status: 'PARTIALLY_SHIPPED', units: units('d-1'), unitsShipped: 1 });
    expect(byId['d-6']).toMatchObject({ status: 'PARTIALLY_SHIPPED', units: units('d-6'), unitsShipped: 1 });
    expect(byId['d-4'].pendingCancellation).toEqual({
      cancellationId: 'c-4',
      respondBy: cancellationRespondBy(T.c4Asked),
    });
    expect(byId['d-5']).toMatchObject({ autoCancelAt: autoCancelAt('d-5'), total: items('d-5') + FEE });

    const later = '2026-12-04T03:00:00.000Z';
    const lateOrders = stillToShip.filter((id) => before(shipBy(id), later)).length;
    const lateRequests = before(cancellationRespondBy(T.c4Asked), later) ? 1 : 0;
    expect(await read(`/overdue?asOf=${later}`)).toEqual({
      shopId: DEC,
      asOf: later,
      toShip: lateOrders,
      cancellationRequests: lateRequests,
      refundRequests: 0,
      total: lateOrders + lateRequests,
    });
    const returns = await read('/returns?from=2026-11-30&to=2026-12-10');
    expect(returns.pendingCancellations).toEqual([
      {
        orderId: 'd-4',
        cancellationId: 'c-4',
        reason: 'changed my mind',
        requestedAt: T.c4Asked,
        respondBy: cancellationRespondBy(T.c4Asked),
        overdue: false,
      },
    ]);
    expect(await read('/orders/d-2')).toMatchObject({
      status: 'CANCELLED',
      cancelled: { at: T.c2Approved, by: 'BUYER', reason: 'changed my mind' },
      cancellations: [{ cancellationId: 'c-2', status: 'APPROVED', answeredBy: 'SELLER', answeredAt: T.c2Approved }],
    });
    expect(await read('/orders/d-3')).toMatchObject({
      status: 'SHIPPED',
      cancellations: [
        { cancellationId: 'c-3', status: 'REJECTED', answeredBy: 'SELLER', rejectReason: 'already packed' },
      ],
      packages: [{ packageId: 'd-3/1', lines: [{ productId: 'gloves', quantity: 1 }], shippedAt: T.d3Shipped }],
    });
  });

  it('4 Dec: the system approves the unanswered request at its respondBy; a late package ships d-1', async () => {
    const now = '2026-12-04T12:00:00.000Z';
    await clock(now);
    const respondBy = cancellationRespondBy(T.c4Asked);
    await eventuallyExpect(async () => expect((await read('/orders/d-4')).status).toBe('CANCELLED'));
    const d4 = await read('/orders/d-4');
    expect(d4.cancellations).toEqual([
      expect.objectContaining({ status: 'APPROVED', answeredAt: respondBy, answeredBy: 'SYSTEM', automatic: true }),
    ]);
    expect(d4.cancelled).toEqual({ at: respondBy, by: 'BUYER', reason: 'changed my mind' });
    expect(d4.history.slice(-2).map((h: Body) => [h.type, h.at, h.by])).toEqual([
      ['CancellationApproved', respondBy, 'SYSTEM'],
      ['OrderCancelled', respondBy, 'SYSTEM'],
    ]);
    expect(queue(await read('/orders/to-ship'))).toEqual(queueAt(now, ['d-1', 'd-5', 'd-6']));

    await theLateBox(keys);
    await eventuallyExpect(async () => expect((await read('/orders/d-1')).status).toBe('SHIPPED'));
    const d1 = await read('/orders/d-1');
    const late = before(shipBy('d-1'), T.d1SecondBox);
    expect(late).toBe(true);
    expect(d1.shippedLate).toBe(late);
    expect(d1.packages.map((p: Body) => [p.packageId, p.lines, p.late])).toEqual([
      ['d-1/a', [{ productId: 'scarf', quantity: 1 }], before(shipBy('d-1'), T.d1FirstBox)],
      ['d-1/b', [{ productId: 'gloves', quantity: 2 }], late],
    ]);
  });

  it('6 Dec: d-1 is delivered package by package; a refund request counts as overdue past its respondBy', async () => {
    await deliveries(keys);
    const now = '2026-12-06T10:30:00.000Z';
    await clock(now);
    await eventuallyExpect(async () => expect((await read('/orders/d-1')).status).toBe('DELIVERED'));
    expect(await read('/orders/d-1')).toMatchObject({
      deliveredAt: T.d1SecondDelivered,
      completeAt: d1CompleteAt,
      packages: [{ deliveredAt: T.d1FirstDelivered }, { deliveredAt: T.d1SecondDelivered }],
    });
    const returns = await read('/returns?from=2026-11-30&to=2026-12-10');
    expect(returns.pending.map((r: Body) => [r.refundId, r.awaiting, r.respondBy, r.overdue])).toEqual([
      ['r-3', 'DECISION', refundRespondBy, before(refundRespondBy, now)],
    ]);
    const later = '2026-12-06T13:00:00.000Z';
    const lateOrders = ['d-5', 'd-6'].filter((id) => before(shipBy(id), later)).length;
    const lateRefunds = before(refundRespondBy, later) ? 1 : 0;
    expect(await read(`/overdue?asOf=${later}`)).toMatchObject({
      toShip: lateOrders,
      cancellationRequests: 0,
      refundRequests: lateRefunds,
      total: lateOrders + lateRefunds,
    });
    await theRefundRefused(keys);
  });

  it('7 Dec: nothing of d-5 shipped by shipBy + 72 h: the system cancels it, SHIPPING_OVERDUE', async () => {
    await clock('2026-12-07T06:00:00.000Z');
    await eventuallyExpect(async () => expect((await read('/orders/d-5')).status).toBe('CANCELLED'));
    const d5 = await read('/orders/d-5');
    expect(d5.cancelled).toEqual({ at: autoCancelAt('d-5'), by: 'SYSTEM', reason: 'SHIPPING_OVERDUE' });
    expect(d5.history.at(-1)).toMatchObject({ type: 'OrderCancelled', at: autoCancelAt('d-5'), by: 'SYSTEM' });
  });

  it('9 Dec: d-1 completes the first second after its return window; d-6, partly shipped, stays overdue', async () => {
    const justBefore = new Date(Date.parse(d1CompleteAt) - 1000).toISOString();
    await clock(justBefore);
    expect((await read('/orders/d-1')).status).toBe('DELIVERED');
    const now = new Date(Date.parse(d1CompleteAt) + 1000).toISOString();
    await clock(now);
    await eventuallyExpect(async () => expect((await read('/orders/d-1')).status).toBe('COMPLETED'));
    expect((await read('/orders/d-1')).history.at(-1)).toMatchObject({
      type: 'OrderCompleted',
      at: d1CompleteAt,
      by: 'SYSTEM',
    });
    expect(before(autoCancelAt('d-6'), now)).toBe(true);
    expect(queue(await read('/orders/to-ship'))).toEqual(queueAt(now, ['d-6']));
    expect(await read('/overdue')).toMatchObject({
      asOf: now,
      toShip: 1,
      cancellationRequests: 0,
      refundRequests: 0,
      total: 1,
    });
    // Each automation took effect once: one event of each in its order's history.
    const once = async (orderId: string, type: string) =>
      expect([orderId, (await read(`/orders/${orderId}`)).history.filter((h: Body) => h.type === type).length]).toEqual(
        [orderId, 1],
      );
    await once('d-4', 'CancellationApproved');
    await once('d-5', 'OrderCancelled');
    await once('d-1', 'OrderCompleted');
  });

  it('adds up: statuses, the dashboard and the stock, from the story alone', async () => {
    const counted: Record<string, number> = {};
    for (const id of ids) counted[FINAL[id]!] = (counted[FINAL[id]!] ?? 0) + 1;
    const stats = await read('/orders/stats?from=2026-11-30&to=2026-12-10');
    expect(stats.byStatus).toEqual({
      AWAITING_SHIPMENT: 0,
      PARTIALLY_SHIPPED: 0,
      SHIPPED: 0,
      DELIVERED: 0,
      COMPLETED: 0,
      CANCELLED: 0,
      ...counted,
    });
    for (const id of ids) expect([id, (await read(`/orders/${id}`)).status]).toEqual([id, FINAL[id]]);
    const dashboard = await read('/dashboard?from=2026-11-30&to=2026-12-10&asOf=2026-12-01T00:00:00Z');
    const gmv = ids.reduce((n, id) => n + items(id), 0);
    // An approved request is the buyer's cancellation, whoever approved it; d-5 is the timer's.
    const cancelledBy: Record<string, 'BUYER' | 'SYSTEM'> = { 'd-2': 'BUYER', 'd-4': 'BUYER', 'd-5': 'SYSTEM' };
    const cancelled = (by: string) => Object.values(cancelledBy).filter((b) => b === by).length;
    expect(dashboard.totals).toEqual({
      visitors: 0,
      buyers: ids.length, // each order its own buyer
      orders: ids.length,
      itemsSold: ids.reduce((n, id) => n + units(id), 0),
      gmv,
      refunds: 0,
      liveSessions: 0,
      conversionRate: null,
      avgOrderValue: Math.round(gmv / ids.length),
      gmvByChannel: { LIVE: 0, VIDEO: 0, PRODUCT_CARD: gmv },
      cancellations: { BUYER: cancelled('BUYER'), SELLER: 0, SYSTEM: cancelled('SYSTEM') },
    });
    const stock = (product: keyof typeof PRODUCTS) =>
      PRODUCTS[product].stock -
      ids
        .filter((id) => FINAL[id] !== 'CANCELLED')
        .flatMap((id) => ORDERS[id]!.lines)
        .reduce((n, [p, quantity]) => n + (p === product ? quantity : 0), 0);
    const products = await read('/products');
    expect(products.products.map((p: Body) => [p.productId, p.stock])).toEqual(
      (Object.keys(PRODUCTS) as (keyof typeof PRODUCTS)[]).sort().map((p) => [p, stock(p)]),
    );
  });

  it('rebuilds the lifecycle read models from zero to the same answers', async () => {
    const paths = [
      '/orders/d-1',
      '/orders/d-4',
      '/orders/to-ship',
      '/overdue',
      '/returns?from=2026-11-30&to=2026-12-10',
    ];
    const answers = await Promise.all(paths.map(read));
    expect(await keys.platform.call('POST', '/v1/admin/rebuild')).toMatchObject({ status: 200 });
    expect(await Promise.all(paths.map(read))).toEqual(answers);
  });
}

describe('the December lifecycle story over HTTP, on SQLite', () => {
  decemberChecks(() => startEngine());
});

describeWith('postgres', 'the December lifecycle story over HTTP, on PostgreSQL', () => {
  let drop: () => Promise<void>;
  afterAll(async () => drop?.());
  decemberChecks(async () => {
    const schema = await freshSchema('sce_e2e');
    drop = schema.drop;
    return startEngine({ SCE_STORE: 'postgres', SCE_POSTGRES_URL: TEST_PG_URL, SCE_POSTGRES_SCHEMA: schema.schema });
  });
});
