import { at, ev, SHOP, T0 } from '../testing/fixtures';
import { line, packageShipped, placed } from '../testing/story';
import type { EventOf } from '../messages';
import { timerChanges, timerCommandId } from './timers';

const o = { shopId: SHOP, orderId: 'o-1' };
const order = `${SHOP}/o-1`;

describe('the timers an event arms and ends', () => {
  it('arms the auto-cancel 72 h after shipBy; a package shipped ends it and arms its auto-confirm', () => {
    const [orderPlaced] = placed('o-1', [line('p-1', 1, 2000)]);
    expect(timerChanges(orderPlaced!, T0).arm).toEqual([
      {
        kind: 'auto-cancel',
        subject: order,
        deadline: at(T0, 72 + 72),
        command: { type: 'CancelOrder', shopId: SHOP, payload: { orderId: 'o-1', reason: 'SHIPPING_OVERDUE' } },
      },
    ]);
    const shipped = packageShipped('o-1', 'box-1', [{ productId: 'p-1', quantity: 1 }]);
    expect(timerChanges(shipped, T0)).toEqual({
      arm: [
        {
          kind: 'auto-confirm',
          subject: `${order}/box-1`,
          deadline: at(T0, 14 * 24),
          command: { type: 'ConfirmDelivery', shopId: SHOP, payload: { orderId: 'o-1', packageId: 'box-1' } },
        },
      ],
      end: [{ kind: 'auto-cancel', subject: order }],
    });
  });

  it('arms the auto-complete at completeAt, and re-arms it when a refund closes', () => {
    const completeAt = at(T0, 30 * 24);
    const delivered = ev('OrderDelivered', { ...o, deliveredAt: T0, completeAt });
    expect(timerChanges(delivered, T0).arm).toMatchObject([{ kind: 'auto-complete', deadline: completeAt }]);
    const issued = ev('RefundIssued', { ...o, refundId: 'r-1', amount: 100 });
    expect(timerChanges(issued, at(T0, 800))).toMatchObject({
      arm: [{ kind: 'auto-complete', subject: order, deadline: at(T0, 800), rearm: true }],
      end: [{ kind: 'refund-auto-issue', subject: `${order}/r-1` }],
    });
  });

  it('arms the refund timers from the deadlines in the events', () => {
    const approved = ev('RefundApproved', {
      ...o,
      refundId: 'r-1',
      approvedBy: 'SELLER',
      automatic: false,
      returnBy: at(T0, 360),
    });
    expect(timerChanges(approved, T0)).toMatchObject({
      arm: [
        {
          kind: 'return-not-sent-back',
          deadline: at(T0, 360),
          command: { type: 'RejectRefund', payload: { refundId: 'r-1', reason: 'RETURN_NOT_RECEIVED' } },
        },
      ],
      end: [{ kind: 'refund-auto-approve' }],
    });
    const requested = ev('CancellationRequested', {
      ...o,
      cancellationId: 'c-1',
      reason: 'x',
      requestedAt: T0,
      respondBy: at(T0, 48),
    });
    expect(timerChanges(requested, T0).arm).toMatchObject([
      { kind: 'cancellation-auto-approve', subject: `${order}/c-1`, command: { type: 'ApproveCancellation' } },
    ]);
  });

  it('names each firing by kind, subject and deadline', () => {
    expect(timerCommandId({ kind: 'auto-cancel', subject: order, deadline: '2026-11-27T15:04:05.000Z' })).toBe(
      'timer:auto-cancel:shop-1/o-1:2026-11-27T15:04:05.000Z',
    );
  });

  it('leaves events of no order alone, and those recorded before deadlines existed', () => {
    expect(timerChanges(ev('VisitRecorded', { shopId: SHOP, visitorId: 'v', productId: null }), T0)).toEqual({
      arm: [],
      end: [],
    });
    expect(timerChanges(ev('OrderDelivered', { ...o, deliveredAt: T0 }), T0).arm).toEqual([]);
    const orderPlaced = placed('o-1', [line('p-1', 1, 2000)])[0] as EventOf<'OrderPlaced'>;
    const { shipBy: _none, ...before } = orderPlaced.data;
    expect(timerChanges({ ...orderPlaced, data: before } as never, T0).arm).toEqual([]);
  });
});
