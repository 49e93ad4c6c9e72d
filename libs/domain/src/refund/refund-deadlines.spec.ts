import { spec } from '../testing/domain-spec';
import { activeProduct, at, cmd, ev, readyShop, SHOP, T0 } from '../testing/fixtures';
import { delivered, line, placed, shipped } from '../testing/story';

const o = { shopId: SHOP, orderId: 'o-1', refundId: 'r-1' };
const deliveredAt = at(T0, 48);
const arrived = [
  ...readyShop(),
  ...activeProduct('p-1', 2000, 10),
  ...placed('o-1', [line('p-1', 2, 2000)]),
  shipped('o-1'),
  delivered('o-1', deliveredAt),
];
const policy = (sellerResponseHours: number) =>
  ev('RefundPolicySet', { shopId: SHOP, returnWindowDays: 30, autoApproveLimit: 0, sellerResponseHours });
const lines = [{ productId: 'p-1', quantity: 1, unitPrice: 2000, amount: 2000 }];
const requested = (refundType: 'REFUND_ONLY' | 'RETURN_AND_REFUND') =>
  ev('RefundRequested', { ...o, refundType, lines, amount: 2000, reason: 'broken', respondBy: at(T0, 100) });
const request = (hours: number) =>
  cmd(
    'RequestRefund',
    {
      orderId: 'o-1',
      refundId: 'r-1',
      refundType: 'REFUND_ONLY',
      lines: [{ productId: 'p-1', quantity: 1 }],
      reason: 'broken',
    },
    { at: at(T0, hours) },
  );
const ref = { orderId: 'o-1', refundId: 'r-1' };

describe('refund deadlines', () => {
  it('fixes respondBy with the seller response hours in force at the request, whatever comes later', () => {
    spec
      .given([...arrived, policy(72)])
      .when(request(60))
      .thenEvents(([event]) => expect(event).toMatchObject({ data: { respondBy: at(T0, 60 + 72) } }));
    spec
      .given(arrived)
      .when(request(60))
      .thenEvents(([event]) => expect(event).toMatchObject({ data: { respondBy: at(T0, 60 + 48) } }));
  });

  it('is approved by the system at respondBy, automatic, and then paid by it sellerResponseHours later', () => {
    spec
      .given([...arrived, policy(24), requested('REFUND_ONLY')])
      .when(cmd('ApproveRefund', ref, { role: 'SYSTEM', at: at(T0, 100) }))
      .then([ev('RefundApproved', { ...o, approvedBy: 'SYSTEM', automatic: true, issueBy: at(T0, 124) })]);
  });

  it('gives a return 15 days to come back after approval, then sellerResponseHours to be paid', () => {
    const approved = ev('RefundApproved', {
      ...o,
      approvedBy: 'SELLER',
      automatic: false,
      returnBy: at(T0, 60 + 15 * 24),
    });
    spec
      .given([...arrived, requested('RETURN_AND_REFUND')])
      .when(cmd('ApproveRefund', ref, { at: at(T0, 60) }))
      .then([approved]);
    spec
      .given([...arrived, requested('RETURN_AND_REFUND'), approved])
      .when(cmd('ReceiveReturn', ref, { at: at(T0, 200) }))
      .thenEvents(([received]) => expect(received).toMatchObject({ data: { issueBy: at(T0, 248) } }));
  });

  it('lets the system reject an approved return never sent back, and nothing else', () => {
    const approved = ev('RefundApproved', { ...o, approvedBy: 'SELLER', automatic: false, returnBy: at(T0, 420) });
    const giveUp = (reason = 'RETURN_NOT_RECEIVED') =>
      cmd('RejectRefund', { ...ref, reason }, { role: 'SYSTEM', at: at(T0, 420) });
    spec
      .given([...arrived, requested('RETURN_AND_REFUND'), approved])
      .when(giveUp())
      .then([ev('RefundRejected', { ...o, reason: 'RETURN_NOT_RECEIVED', rejectedBy: 'SYSTEM' })]);
    spec
      .given([...arrived, requested('RETURN_AND_REFUND')])
      .when(giveUp())
      .thenRejects('refund.not-approved');
    spec
      .given([...arrived, requested('REFUND_ONLY'), { ...approved, data: { ...approved.data, returnBy: undefined } }])
      .when(giveUp())
      .thenRejects('refund.not-approved');
    spec
      .given([...arrived, requested('RETURN_AND_REFUND'), approved])
      .when(giveUp('changed my mind'))
      .thenRejects('refund.not-approved');
    spec
      .given([...arrived, requested('RETURN_AND_REFUND'), approved])
      .when(cmd('RejectRefund', { ...ref, reason: 'RETURN_NOT_RECEIVED' }))
      .thenRejects('refund.not-requested');
  });
});
