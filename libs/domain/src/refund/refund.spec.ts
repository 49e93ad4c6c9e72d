import { bySystem } from '../shared/emitted';
import { spec } from '../testing/domain-spec';
import { activeProduct, at, cmd, ev, readyShop, SHOP, T0 } from '../testing/fixtures';
import { delivered, line, placed, shipped } from '../testing/story';
import { AUTO_APPROVE_LIMIT } from './refund.decider';

const o = { shopId: SHOP, orderId: 'o-1' };
const deliveredAt = at(T0, 48);
const base = [...readyShop(), ...activeProduct('p-1', 2000, 10), ...activeProduct('p-2', 1250, 10)];
const bought = [...base, ...placed('o-1', [line('p-1', 2, 1500, 2000), line('p-2', 1, 1250)])];
const arrived = [...bought, shipped('o-1'), delivered('o-1', deliveredAt)];

const request = (
  lines: { productId: string; quantity: number }[],
  options: { refundId?: string; type?: 'REFUND_ONLY' | 'RETURN_AND_REFUND'; hours?: number } = {},
) =>
  cmd(
    'RequestRefund',
    {
      orderId: 'o-1',
      refundId: options.refundId ?? 'r-1',
      refundType: options.type ?? 'REFUND_ONLY',
      lines,
      reason: 'broken',
    },
    { at: at(deliveredAt, options.hours ?? 24) },
  );

const requested = (refundId: string, refundType: 'REFUND_ONLY' | 'RETURN_AND_REFUND', quantity = 1) =>
  ev('RefundRequested', {
    ...o,
    refundId,
    refundType,
    lines: [{ productId: 'p-1', quantity, unitPrice: 1500, amount: 1500 * quantity }],
    amount: 1500 * quantity,
    reason: 'broken',
    respondBy: at(deliveredAt, 24 + 48),
  });
/** Approved by the seller at T0: a refund-only is paid by the system 48 h later, a return given up on after 15 days. */
const approved = (refundId: string, refundType: 'REFUND_ONLY' | 'RETURN_AND_REFUND' = 'REFUND_ONLY') =>
  ev('RefundApproved', {
    ...o,
    refundId,
    approvedBy: 'SELLER',
    automatic: false,
    ...(refundType === 'REFUND_ONLY' ? { issueBy: at(T0, 48) } : { returnBy: at(T0, 15 * 24) }),
  });

describe('RequestRefund', () => {
  it('prices the lines at what was paid (the campaign price), without shipping', () => {
    spec
      .given(arrived)
      .when(request([{ productId: 'p-1', quantity: 1 }]))
      .then([requested('r-1', 'REFUND_ONLY')]);
  });

  it('is allowed once shipped, before delivery', () => {
    spec
      .given([...bought, shipped('o-1')])
      .when(request([{ productId: 'p-1', quantity: 1 }]))
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['RefundRequested']));
  });

  it('is refused before shipment: the order is cancelled instead', () => {
    spec
      .given(bought)
      .when(request([{ productId: 'p-1', quantity: 1 }]))
      .thenRejects('order.not-shipped');
  });

  it('is allowed up to the last instant of the return window, and refused after', () => {
    spec
      .given(arrived)
      .when(request([{ productId: 'p-1', quantity: 1 }], { hours: 30 * 24 }))
      .thenEvents((events) => expect(events).toHaveLength(1));
    spec
      .given(arrived)
      .when(request([{ productId: 'p-1', quantity: 1 }], { hours: 30 * 24 + 1 }))
      .thenRejects('refund.window-expired');
  });

  it('never claims more units than were bought less those already claimed', () => {
    spec
      .given(arrived)
      .when(request([{ productId: 'p-1', quantity: 3 }]))
      .thenRejects('refund.quantity-exceeded');
    spec
      .given([...arrived, requested('r-1', 'REFUND_ONLY', 2)])
      .when(request([{ productId: 'p-1', quantity: 1 }], { refundId: 'r-2' }))
      .thenRejects('refund.quantity-exceeded', /0 refundable units/);
    spec
      .given(arrived)
      .when(request([{ productId: 'p-9', quantity: 1 }]))
      .thenRejects('refund.quantity-exceeded');
  });

  it('frees the units of a rejected refund for a new request', () => {
    const rejected = ev('RefundRejected', { ...o, refundId: 'r-1', reason: 'no', rejectedBy: 'SELLER' });
    spec
      .given([...arrived, requested('r-1', 'REFUND_ONLY', 2), rejected])
      .when(request([{ productId: 'p-1', quantity: 2 }], { refundId: 'r-2' }))
      .thenEvents(([event]) => expect(event).toMatchObject({ data: { amount: 3000 } }));
  });

  it('refuses a refund id already used on the order', () => {
    spec
      .given([...arrived, requested('r-1', 'REFUND_ONLY')])
      .when(request([{ productId: 'p-2', quantity: 1 }]))
      .thenRejects('refund.already-exists');
  });

  it('is approved at once by the system at or below the auto-approve limit, the SYSTEM its actor', () => {
    const policy = ev('RefundPolicySet', { shopId: SHOP, returnWindowDays: 30, autoApproveLimit: 1500 });
    spec
      .given([...arrived, policy])
      .when(request([{ productId: 'p-1', quantity: 1 }]))
      .then([
        requested('r-1', 'REFUND_ONLY'),
        bySystem(
          ev('RefundApproved', {
            ...o,
            refundId: 'r-1',
            approvedBy: 'SYSTEM',
            automatic: true,
            issueBy: at(deliveredAt, 24 + 48),
          }),
          AUTO_APPROVE_LIMIT,
        ),
      ]);
    spec
      .given([...arrived, policy])
      .when(request([{ productId: 'p-1', quantity: 2 }]))
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['RefundRequested']));
  });

  it('is refused on a cancelled order', () => {
    const cancelled = ev('OrderCancelled', { ...o, reason: 'x', cancelledBy: 'BUYER' });
    spec
      .given([...bought, cancelled])
      .when(request([{ productId: 'p-1', quantity: 1 }]))
      .thenRejects('order.cancelled');
  });
});

describe('deciding and paying a refund', () => {
  const ref = { orderId: 'o-1', refundId: 'r-1' };

  it('is approved or rejected while requested', () => {
    spec
      .given([...arrived, requested('r-1', 'REFUND_ONLY')])
      .when(cmd('ApproveRefund', ref))
      .then([approved('r-1')]);
    spec
      .given([...arrived, requested('r-1', 'REFUND_ONLY')])
      .when(cmd('RejectRefund', { ...ref, reason: 'used item' }))
      .then([ev('RefundRejected', { ...o, refundId: 'r-1', reason: 'used item', rejectedBy: 'SELLER' })]);
    spec
      .given([...arrived, requested('r-1', 'REFUND_ONLY'), approved('r-1')])
      .when(cmd('RejectRefund', { ...ref, reason: 'x' }))
      .thenRejects('refund.not-requested');
    spec.given(arrived).when(cmd('ApproveRefund', ref)).thenRejects('refund.not-found');
  });

  it('pays a refund-only once approved, and not before', () => {
    spec
      .given([...arrived, requested('r-1', 'REFUND_ONLY'), approved('r-1')])
      .when(cmd('IssueRefund', ref))
      .then([ev('RefundIssued', { ...o, refundId: 'r-1', amount: 1500 })]);
    spec
      .given([...arrived, requested('r-1', 'REFUND_ONLY')])
      .when(cmd('IssueRefund', ref))
      .thenRejects('refund.not-approved');
  });

  it('pays a return only after the items came back, which restocks them', () => {
    const history = [...arrived, requested('r-1', 'RETURN_AND_REFUND'), approved('r-1', 'RETURN_AND_REFUND')];
    spec.given(history).when(cmd('IssueRefund', ref)).thenRejects('refund.return-not-received');
    const lines = [{ productId: 'p-1', quantity: 1, unitPrice: 1500, amount: 1500 }];
    spec
      .given(history)
      .when(cmd('ReceiveReturn', ref))
      .then([
        ev('ReturnReceived', { ...o, refundId: 'r-1', lines, issueBy: at(T0, 48) }),
        ev('StockReleased', { ...o, productId: 'p-1', quantity: 1, reason: 'RETURN_RECEIVED', refundId: 'r-1' }),
      ]);
    spec
      .given([...history, ev('ReturnReceived', { ...o, refundId: 'r-1', lines })])
      .when(cmd('IssueRefund', ref))
      .then([ev('RefundIssued', { ...o, refundId: 'r-1', amount: 1500 })]);
  });

  it('receives nothing back for a refund-only, nor before approval', () => {
    spec
      .given([...arrived, requested('r-1', 'REFUND_ONLY'), approved('r-1')])
      .when(cmd('ReceiveReturn', ref))
      .thenRejects('refund.not-a-return');
    spec
      .given([...arrived, requested('r-1', 'RETURN_AND_REFUND')])
      .when(cmd('ReceiveReturn', ref))
      .thenRejects('refund.not-approved');
  });
});
