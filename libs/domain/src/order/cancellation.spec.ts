import { spec } from '../testing/domain-spec';
import { activeProduct, at, cmd, ev, readyShop, SHOP, T0 } from '../testing/fixtures';
import { line, packageShipped, placed } from '../testing/story';

const o = { shopId: SHOP, orderId: 'o-1' };
const bought = [...readyShop(), ...activeProduct('p-1', 2000, 10), ...placed('o-1', [line('p-1', 2, 2000)])];
const cancelled = (cancelledBy: 'BUYER' | 'SELLER' | 'SYSTEM', reason: string) => [
  ev('OrderCancelled', { ...o, reason, cancelledBy }),
  ev('StockReleased', { ...o, productId: 'p-1', quantity: 2, reason: 'ORDER_CANCELLED', refundId: null }),
];
const cancel = (minutes: number, role: 'BUYER' | 'SELLER' | 'SYSTEM' = 'BUYER', reason = 'changed my mind') =>
  cmd('CancelOrder', { orderId: 'o-1', reason }, { at: at(T0, minutes / 60), role });
const requested = (cancellationId = 'c-1', hours = 2) =>
  ev('CancellationRequested', {
    ...o,
    cancellationId,
    reason: 'too slow',
    requestedAt: at(T0, hours),
    respondBy: at(T0, hours + 48),
  });
const request = (cancellationId = 'c-1', hours = 2) =>
  cmd('RequestCancellation', { orderId: 'o-1', cancellationId, reason: 'too slow' }, { at: at(T0, hours) });
const ref = { orderId: 'o-1', cancellationId: 'c-1' };

describe('CancelOrder by the buyer, the seller, the system', () => {
  it('lets the buyer cancel at once within 60 minutes of placing, inclusive', () => {
    spec.given(bought).when(cancel(60)).then(cancelled('BUYER', 'changed my mind'));
  });

  it('refuses the buyer after 60 minutes: it requests a cancellation instead', () => {
    spec
      .given(bought)
      .when(cancel(61))
      .thenRejects('order.cancel-window-closed', /within 60 minutes/);
  });

  it('lets the seller cancel while awaiting shipment, whenever; a seller cancellation', () => {
    spec
      .given(bought)
      .when(cancel(3000, 'SELLER', 'out of stock'))
      .then(cancelled('SELLER', 'out of stock'));
  });

  it('auto-cancels an order nothing of which shipped, but never a partly shipped one', () => {
    spec
      .given(bought)
      .when(cancel(75 * 60, 'SYSTEM', 'SHIPPING_OVERDUE'))
      .then(cancelled('SYSTEM', 'SHIPPING_OVERDUE'));
    spec
      .given([...bought, packageShipped('o-1', 'box-1', [{ productId: 'p-1', quantity: 1 }])])
      .when(cancel(75 * 60, 'SYSTEM', 'SHIPPING_OVERDUE'))
      .thenRejects('order.not-awaiting-shipment');
  });

  it('ends a pending request: it can no longer be answered', () => {
    spec
      .given([...bought, requested(), ...cancelled('SELLER', 'x')])
      .when(cmd('ApproveCancellation', ref, { role: 'SYSTEM' }))
      .thenRejects('order.cancelled');
  });
});

describe('RequestCancellation', () => {
  it('asks the seller, who has 48 hours to answer', () => {
    spec.given(bought).when(request()).then([requested()]);
  });

  it('is allowed inside the free-cancel window too', () => {
    spec
      .given(bought)
      .when(request('c-1', 0.5))
      .then([requested('c-1', 0.5)]);
  });

  it('is one at a time, and only before anything ships', () => {
    spec
      .given([...bought, requested()])
      .when(request('c-2', 3))
      .thenRejects('order.cancellation-pending');
    spec
      .given([...bought, packageShipped('o-1', 'box-1', [{ productId: 'p-1', quantity: 1 }])])
      .when(request())
      .thenRejects('order.not-awaiting-shipment');
  });

  it('takes a new request once the last was rejected, but not under the same id', () => {
    const rejected = ev('CancellationRejected', {
      ...o,
      cancellationId: 'c-1',
      reason: 'packed',
      rejectedBy: 'SELLER',
    });
    spec
      .given([...bought, requested(), rejected])
      .when(request('c-2', 5))
      .then([requested('c-2', 5)]);
    spec
      .given([...bought, requested(), rejected])
      .when(request('c-1', 5))
      .thenRejects('cancellation.already-exists');
  });
});

describe('answering a cancellation request', () => {
  const pending = [...bought, requested()];

  it('approved by the seller: the order is cancelled as the buyer’s, stock back', () => {
    spec
      .given(pending)
      .when(cmd('ApproveCancellation', ref, { at: at(T0, 5) }))
      .then([
        ev('CancellationApproved', { ...o, cancellationId: 'c-1', approvedBy: 'SELLER', automatic: false }),
        ...cancelled('BUYER', 'too slow'),
      ]);
  });

  it('approved by the system at respondBy, automatic', () => {
    spec
      .given(pending)
      .when(cmd('ApproveCancellation', ref, { at: at(T0, 50), role: 'SYSTEM' }))
      .thenEvents(([approved]) => expect(approved).toMatchObject({ data: { approvedBy: 'SYSTEM', automatic: true } }));
  });

  it('rejected by the seller: the order goes on and may ship', () => {
    spec
      .given(pending)
      .when(cmd('RejectCancellation', { ...ref, reason: 'already packed' }))
      .then([
        ev('CancellationRejected', { ...o, cancellationId: 'c-1', reason: 'already packed', rejectedBy: 'SELLER' }),
      ]);
    const rejected = ev('CancellationRejected', { ...o, cancellationId: 'c-1', reason: 'x', rejectedBy: 'SELLER' });
    spec
      .given([...pending, rejected])
      .when(cmd('ShipOrder', { orderId: 'o-1', carrier: 'UPS_GROUND', trackingNumber: '1Z' }))
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['PackageShipped', 'OrderShipped']));
  });

  it('answers only a pending request', () => {
    spec.given(bought).when(cmd('ApproveCancellation', ref)).thenRejects('cancellation.not-found');
    spec
      .given(bought)
      .when(cmd('RejectCancellation', { ...ref, reason: 'x' }))
      .thenRejects('cancellation.not-found');
    const rejected = ev('CancellationRejected', { ...o, cancellationId: 'c-1', reason: 'x', rejectedBy: 'SELLER' });
    spec
      .given([...pending, rejected])
      .when(cmd('ApproveCancellation', ref, { role: 'SYSTEM' }))
      .thenRejects('cancellation.not-found');
  });
});
