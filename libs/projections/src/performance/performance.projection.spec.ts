import { ev, line, placed, shopRegistered } from '@sce/domain/testkit';
import type { Role } from '@sce/domain';
import { documents, stored } from '../testing/history';
import { replayedDocs } from '../testing/memory-docs';
import type { PerformanceDayDoc } from './performance.projection';
import { sellerPerformance } from './performance.query';

// The shop of the domain's test kit keeps its days in Los Angeles (UTC−8 in November).
const registered = stored(shopRegistered('shop-1'), '2026-10-01T00:00:00.000Z', 'PLATFORM');
const on = (orderId: string) => ({ shopId: 'shop-1', orderId });
const order = (orderId: string, at: string) => stored(placed(orderId, [line('p-1', 1, 1000)])[0]!, at, 'BUYER');
const shipped = (orderId: string, at: string, shippedLate: boolean) =>
  stored(
    ev('OrderShipped', { ...on(orderId), carrier: 'UPS', trackingNumber: 't', shippedBy: 'SELLER', shippedLate }),
    at,
  );
const cancelled = (orderId: string, at: string, cancelledBy: Role, reason = 'out of stock') =>
  stored(ev('OrderCancelled', { ...on(orderId), reason, cancelledBy }), at, cancelledBy);
const refundRequested = (orderId: string, refundId: string, at: string, respondBy: string) =>
  stored(
    ev('RefundRequested', {
      ...on(orderId),
      refundId,
      refundType: 'REFUND_ONLY',
      lines: [{ productId: 'p-1', quantity: 1, unitPrice: 1000, amount: 1000 }],
      amount: 1000,
      reason: 'broken',
      respondBy,
    }),
    at,
    'BUYER',
  );
const refundApproved = (orderId: string, refundId: string, at: string, approvedBy: Role) =>
  stored(
    ev('RefundApproved', { ...on(orderId), refundId, approvedBy, automatic: approvedBy === 'SYSTEM' }),
    at,
    approvedBy,
  );
const cancellationRequested = (orderId: string, cancellationId: string, requestedAt: string, respondBy: string) =>
  stored(
    ev('CancellationRequested', { ...on(orderId), cancellationId, reason: 'changed my mind', requestedAt, respondBy }),
    requestedAt,
    'BUYER',
  );

describe('seller performance', () => {
  it('given shipments and cancellations, keeps them on their local day and the seller’s by the day of the order', async () => {
    const events = [
      registered,
      order('o-1', '2026-11-10T18:00:00.000Z'),
      order('o-2', '2026-11-11T07:30:00.000Z'), // 23:30 on the 10th in Los Angeles
      order('o-3', '2026-11-11T18:00:00.000Z'),
      shipped('o-1', '2026-11-12T18:00:00.000Z', false),
      shipped('o-3', '2026-11-12T19:00:00.000Z', true),
      cancelled('o-2', '2026-11-14T18:00:00.000Z', 'SYSTEM', 'SHIPPING_OVERDUE'),
    ];
    const days = await documents<PerformanceDayDoc>(events, 'performance-day');
    expect(days['2026-11-10']).toMatchObject({ placed: 2 });
    expect(days['2026-11-12']).toMatchObject({ shipped: 2, shippedLate: 1 });
    expect(days['2026-11-14']).toMatchObject({ autoCancelled: 1, sellerCancelled: { '2026-11-10': 1 } });
  });

  it('counts an auto-cancel of an order it never saw placed on its day, on no placement day', async () => {
    const events = [registered, cancelled('o-x', '2026-11-14T18:00:00.000Z', 'SYSTEM', 'SHIPPING_OVERDUE')];
    const days = await documents<PerformanceDayDoc>(events, 'performance-day');
    expect(days['2026-11-14']).toMatchObject({ autoCancelled: 1, sellerCancelled: {} });
  });

  it('when asked for the 30 days before `to`, divides what the window holds and counts later outcomes for its orders', async () => {
    const events = [
      registered,
      order('o-old', '2026-10-20T18:00:00.000Z'), // before the window
      order('o-1', '2026-11-10T18:00:00.000Z'),
      order('o-2', '2026-11-10T19:00:00.000Z'),
      order('o-3', '2026-11-11T18:00:00.000Z'),
      order('o-4', '2026-11-11T19:00:00.000Z'),
      cancelled('o-old', '2026-11-02T18:00:00.000Z', 'SELLER'), // in the window, but of an order before it
      cancelled('o-1', '2026-11-12T18:00:00.000Z', 'SELLER'),
      cancelled('o-2', '2026-11-12T18:00:00.000Z', 'BUYER'), // not the seller's
      cancelled('o-3', '2026-12-05T18:00:00.000Z', 'SYSTEM', 'SHIPPING_OVERDUE'), // after the window
      shipped('o-4', '2026-11-13T18:00:00.000Z', true),
    ];
    const docs = await replayedDocs(events);
    expect(await sellerPerformance(docs, 'shop-1', '2026-12-01')).toEqual({
      from: '2026-11-01',
      to: '2026-12-01',
      lateShipmentRate: 1,
      autoCancelled: 0, // o-3's is on 12-05
      sellerCancellationRate: 2 / 4, // o-1 by the seller, o-3 overdue after the window
      avgResponseHours: null,
    });
    expect(await sellerPerformance(docs, 'shop-1', '2026-11-01')).toMatchObject({ sellerCancellationRate: 1 });
    expect(await sellerPerformance(docs, 'shop-1', '2026-12-20')).toMatchObject({
      lateShipmentRate: null,
      autoCancelled: 1,
      sellerCancellationRate: null,
    });
  });

  it('counts a seller answer’s real time, a system approval at the deadline the full deadline, and leaves out the platform’s and the auto-approve limit’s', async () => {
    const deadline = '2026-11-12T18:00:00.000Z';
    const events = [
      registered,
      order('o-1', '2026-11-01T18:00:00.000Z'),
      refundRequested('o-1', 'r-seller', '2026-11-10T18:00:00.000Z', deadline),
      refundApproved('o-1', 'r-seller', '2026-11-10T21:00:00.000Z', 'SELLER'), // 3 h
      refundRequested('o-1', 'r-timer', '2026-11-10T18:00:00.000Z', deadline),
      refundApproved('o-1', 'r-timer', deadline, 'SYSTEM'), // the full 48 h
      refundRequested('o-1', 'r-limit', '2026-11-10T18:00:00.000Z', deadline),
      refundApproved('o-1', 'r-limit', '2026-11-10T18:00:00.000Z', 'SYSTEM'), // under the limit: left out
      refundRequested('o-1', 'r-platform', '2026-11-10T18:00:00.000Z', deadline),
      refundApproved('o-1', 'r-platform', '2026-11-10T19:00:00.000Z', 'PLATFORM'), // left out
      cancellationRequested('o-1', 'c-1', '2026-11-11T18:00:00.000Z', '2026-11-13T18:00:00.000Z'),
      stored(
        ev('CancellationRejected', { ...on('o-1'), cancellationId: 'c-1', reason: 'shipped', rejectedBy: 'SELLER' }),
        '2026-12-03T18:00:00.000Z', // answered after the window: counts for the window's request
        'SELLER',
      ),
      stored(
        ev('RefundRejected', { ...on('o-1'), refundId: 'r-timer', reason: 'x', rejectedBy: 'SYSTEM' }),
        '2026-11-30T18:00:00.000Z',
      ),
    ];
    const performance = await sellerPerformance(await replayedDocs(events), 'shop-1', '2026-12-01');
    const cancellationHours =
      (Date.parse('2026-12-03T18:00:00.000Z') - Date.parse('2026-11-11T18:00:00.000Z')) / 3_600_000;
    expect(performance.avgResponseHours).toBeCloseTo((3 + 48 + cancellationHours) / 3, 10);
  });
});
