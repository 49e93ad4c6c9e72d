import { cmd, placeOrder } from '@sce/domain/testkit';
import { overdue } from './overdue.query';
import { ordersToShip } from '../orders/to-ship.query';
import { returns } from '../returns/returns.query';
import { historyOf, openingIn } from '../testing/history';
import type { DocStore } from '../doc-store';
import { replayedDocs } from '../testing/memory-docs';

const hours = (iso: string, h: number) => new Date(Date.parse(iso) + h * 3_600_000).toISOString();
const place = (orderId: string, at: string, quantity = 1) => placeOrder(orderId, quantity, { at });
const parcel = (orderId: string) => ({ orderId, carrier: 'UPS_GROUND', trackingNumber: `1Z-${orderId}` });

// The opening's shop keeps the default policies: 3 handling days, 48 response hours.
const PLACED = { b: '2026-11-02T12:00:00.000Z', a: '2026-11-03T00:00:00.000Z', c: '2026-11-04T00:00:00.000Z' };
const shipBy = { b: hours(PLACED.b, 72), a: hours(PLACED.a, 72), c: hours(PLACED.c, 72) };
const PLACED_F = '2026-11-04T06:00:00.000Z';
const CANCEL_ASKED = '2026-11-03T08:00:00.000Z';
const REFUND_ASKED = '2026-11-04T00:00:00.000Z';
const history = historyOf([
  ...openingIn('UTC'),
  place('o-a', PLACED.a),
  place('o-b', PLACED.b),
  place('o-c', PLACED.c, 2),
  cmd(
    'ShipPackage',
    { ...parcel('o-c'), packageId: 'box-1', lines: [{ productId: 'p-2', quantity: 1 }] },
    { at: PLACED.c },
  ),
  place('o-d', '2026-11-03T06:00:00.000Z'),
  cmd('RequestCancellation', { orderId: 'o-d', cancellationId: 'c-1', reason: 'too slow' }, { at: CANCEL_ASKED }),
  place('o-e', '2026-11-02T00:00:00.000Z'),
  cmd('ShipOrder', parcel('o-e'), { at: '2026-11-02T01:00:00.000Z' }),
  cmd('ConfirmDelivery', { orderId: 'o-e' }, { at: '2026-11-03T00:00:00.000Z' }),
  cmd(
    'RequestRefund',
    {
      orderId: 'o-e',
      refundId: 'r-1',
      refundType: 'REFUND_ONLY',
      reason: 'broken',
      lines: [{ productId: 'p-2', quantity: 1 }],
    },
    { at: REFUND_ASKED },
  ),
  // One handling day from now on: o-f, placed last, ships by before o-b.
  cmd('ConfigureShipping', { mode: 'SELLER_SHIPPING', carriers: ['UPS_GROUND'], handlingDays: 1 }, { at: PLACED_F }),
  place('o-f', PLACED_F),
]);

/** `docs`, refusing to list orders and refunds: what reads the whole history of a shop. */
const unlisted = (docs: DocStore): DocStore => ({
  ...docs,
  list: (model, shopId) =>
    model === 'order' || model === 'refund'
      ? Promise.reject(new Error(`listed every ${model} of the shop`))
      : docs.list(model, shopId),
});

describe('the deadline queries', () => {
  it('read the queue to ship and the refunds requested, not every order and refund of the shop', async () => {
    const docs = await replayedDocs(history);
    const asOf = '2026-11-06T00:00:00.000Z';
    expect(await ordersToShip(unlisted(docs), 'shop-1', { asOf, limit: 2 })).toEqual(
      await ordersToShip(docs, 'shop-1', { asOf, limit: 2 }),
    );
    expect(await overdue(unlisted(docs), 'shop-1', { asOf })).toEqual(await overdue(docs, 'shop-1', { asOf }));
  });

  it('answer returns from counts and the pending queues, not from every order and refund of the shop', async () => {
    const docs = await replayedDocs(history);
    const range = { from: '2026-11-01', to: '2026-11-08' };
    const asOf = '2026-11-06T00:00:00.000Z';
    expect(await returns(unlisted(docs), 'shop-1', range, asOf)).toEqual(await returns(docs, 'shop-1', range, asOf));
  });

  it('queues what is to ship by shipBy, overdue only past it, partly shipped orders included', async () => {
    const docs = await replayedDocs(history);
    const queue = await ordersToShip(docs, 'shop-1', { asOf: shipBy.a, limit: 10 });
    // o-d (placed 06:00 on the 3rd) ships by the 6th 06:00, after o-a.
    expect(queue.orders.map((o) => [o.orderId, o.status, o.shipBy, o.overdue])).toEqual([
      ['o-f', 'AWAITING_SHIPMENT', hours(PLACED_F, 24), true],
      ['o-b', 'AWAITING_SHIPMENT', shipBy.b, true],
      ['o-a', 'AWAITING_SHIPMENT', shipBy.a, false], // due at this very instant: not late yet
      ['o-d', 'AWAITING_SHIPMENT', hours('2026-11-03T06:00:00.000Z', 72), false],
      ['o-c', 'PARTIALLY_SHIPPED', shipBy.c, false],
    ]);
    expect(queue).toMatchObject({ total: 5, overdue: 2, asOf: shipBy.a });
    expect(queue.orders[4]).toMatchObject({ units: 2, unitsShipped: 1, autoCancelAt: hours(shipBy.c, 72) });
    expect(queue.orders[3]!.pendingCancellation).toEqual({ cancellationId: 'c-1', respondBy: hours(CANCEL_ASKED, 48) });
    expect((await ordersToShip(docs, 'shop-1', { asOf: '2026-11-08T00:00:00Z', limit: 2 })).orders).toHaveLength(2);
  });

  it('counts what is overdue at asOf', async () => {
    const docs = await replayedDocs(history);
    expect(await overdue(docs, 'shop-1', { asOf: PLACED.c })).toEqual({
      shopId: 'shop-1',
      asOf: PLACED.c,
      toShip: 0,
      cancellationRequests: 0,
      refundRequests: 0,
      total: 0,
    });
    // Past o-f's shipBy (5th 06:00), the cancellation's respondBy (5th 08:00) and o-b's shipBy (5th 12:00), before the refund's (6th 00:00).
    const later = '2026-11-05T12:00:01.000Z';
    expect(await overdue(docs, 'shop-1', { asOf: later })).toMatchObject({
      toShip: 2,
      cancellationRequests: 1,
      refundRequests: 0,
      total: 3,
    });
    // Every order still to ship is past its shipBy; the refund past its respondBy too.
    expect(await overdue(docs, 'shop-1', { asOf: '2026-11-08T00:00:00Z' })).toMatchObject({
      toShip: 5,
      cancellationRequests: 1,
      refundRequests: 1,
      total: 7,
    });
  });

  it('lists pending cancellation requests beside pending refunds, with their deadlines', async () => {
    const docs = await replayedDocs(history);
    const asOf = '2026-11-05T09:00:00.000Z';
    const r = await returns(docs, 'shop-1', { from: '2026-11-01', to: '2026-11-08' }, asOf);
    expect(r.pendingCancellations).toEqual([
      {
        orderId: 'o-d',
        cancellationId: 'c-1',
        reason: 'too slow',
        requestedAt: CANCEL_ASKED,
        respondBy: hours(CANCEL_ASKED, 48),
        overdue: true,
      },
    ]);
    expect(r.pending.map((p) => [p.refundId, p.awaiting, p.respondBy, p.overdue])).toEqual([
      ['r-1', 'DECISION', hours(REFUND_ASKED, 48), false],
    ]);
  });
});
