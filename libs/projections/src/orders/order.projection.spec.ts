import { cmd, delivered, ev, line, placed, shipped, shopRegistered } from '@sce/domain/testkit';
import { documents, historyOf, openingIn, stored } from '../testing/history';
import type { OrderDoc } from './order.projection';

const on = { shopId: 'shop-1', orderId: 'o-1', refundId: 'r-1' };
const [order] = placed('o-1', [line('p-1', 2, 1500)], { at: '2026-11-20T06:00:00.000Z' });
const history = [
  stored(shopRegistered('shop-1'), '2026-11-01T00:00:00.000Z', 'PLATFORM'),
  stored(order!, '2026-11-20T06:00:00.000Z', 'BUYER'),
  stored(shipped('o-1'), '2026-11-21T10:00:00.000Z', 'SELLER'),
  stored(delivered('o-1', '2026-11-23T07:30:00.000Z'), '2026-11-23T07:30:00.000Z', 'SYSTEM'),
];

describe('orders', () => {
  it('keeps an order’s lines, totals, status and local dates', async () => {
    const o = (await documents<OrderDoc>(history, 'order'))['o-1']!;
    expect(o).toMatchObject({
      orderId: 'o-1',
      status: 'DELIVERED',
      buyerId: 'b-1',
      channel: 'LIVE',
      placedAt: '2026-11-20T06:00:00.000Z',
      placedDate: '2026-11-19', // 22:00 in Los Angeles
      deliveredAt: '2026-11-23T07:30:00.000Z',
      deliveredDate: '2026-11-22',
      lines: [
        { productId: 'p-1', title: 'Product p-1', quantity: 2, unitPrice: 1500, lineTotal: 3000, campaignId: null },
      ],
      itemsTotal: 3000,
      shippingFee: 539,
      total: 3539,
      refunded: false,
    });
  });

  it('records each event of the order and its refunds with the actor of its metadata', async () => {
    const requested = ev('RefundRequested', {
      ...on,
      refundType: 'REFUND_ONLY',
      lines: [{ productId: 'p-1', quantity: 1, unitPrice: 1500, amount: 1500 }],
      amount: 1500,
      reason: 'scratched',
    });
    const events = [
      ...history,
      stored(requested, '2026-11-24T00:00:00.000Z', 'BUYER'),
      // approved at once under the auto-approve limit: the system's, not the buyer's
      stored(
        ev('RefundApproved', { ...on, approvedBy: 'SYSTEM', automatic: true }),
        '2026-11-24T00:00:00.000Z',
        'SYSTEM',
      ),
      stored(ev('RefundIssued', { ...on, amount: 1500 }), '2026-11-25T00:00:00.000Z', 'SELLER'),
    ];
    const o = (await documents<OrderDoc>(events, 'order'))['o-1']!;
    expect(o.history.map((h) => [h.type, h.by])).toEqual([
      ['OrderPlaced', 'BUYER'],
      ['OrderShipped', 'SELLER'],
      ['OrderDelivered', 'SYSTEM'],
      ['RefundRequested', 'BUYER'],
      ['RefundApproved', 'SYSTEM'],
      ['RefundIssued', 'SELLER'],
    ]);
    expect(o.history.map((h) => h.position)).toEqual(events.slice(1).map((e) => e.position));
    expect([o.status, o.refunded]).toEqual(['DELIVERED', true]);
  });

  it('cancels and completes; an event of an order it never saw placed is left alone', async () => {
    const events = [
      ...history,
      stored(ev('OrderCompleted', on), '2026-12-30T00:00:00.000Z', 'SYSTEM'),
      stored(
        ev('OrderCancelled', { ...on, orderId: 'o-9', reason: 'x', cancelledBy: 'SELLER' }),
        '2026-12-30T00:00:00.000Z',
      ),
    ];
    const docs = await documents<OrderDoc>(events, 'order');
    expect(Object.keys(docs)).toEqual(['o-1']);
    expect(docs['o-1']!.status).toBe('COMPLETED');
  });

  it('shows SYSTEM, not the buyer, for a refund the command path approved under the auto-approve limit', async () => {
    const at = '2026-11-03T00:00:00.000Z';
    const events = historyOf([
      ...openingIn('UTC'),
      cmd('SetRefundPolicy', { returnWindowDays: 30, autoApproveLimit: 5000 }, { at }),
      cmd(
        'PlaceOrder',
        {
          orderId: 'o-1',
          buyerId: 'b-1',
          lines: [{ productId: 'p-2', quantity: 1 }],
          shipTo: { country: 'US', region: 'CA' },
          channel: 'LIVE',
        },
        { at },
      ),
      cmd('ShipOrder', { orderId: 'o-1', carrier: 'UPS_GROUND', trackingNumber: '1Z' }, { at }),
      cmd(
        'RequestRefund',
        {
          orderId: 'o-1',
          refundId: 'r-1',
          refundType: 'REFUND_ONLY',
          reason: 'broken',
          lines: [{ productId: 'p-2', quantity: 1 }],
        },
        { at },
      ),
    ]);
    const o = (await documents<OrderDoc>(events, 'order'))['o-1']!;
    expect(o.history.slice(-2).map((h) => [h.type, h.by])).toEqual([
      ['RefundRequested', 'BUYER'],
      ['RefundApproved', 'SYSTEM'],
    ]);
  });
});
