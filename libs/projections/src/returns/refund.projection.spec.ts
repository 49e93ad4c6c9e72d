import { ev, shopRegistered } from '@sce/domain/testkit';
import { documents, stored } from '../testing/history';
import type { RefundDoc } from './refund.projection';

const on = { shopId: 'shop-1', orderId: 'o-1', refundId: 'r-1' };
const requested = ev('RefundRequested', {
  ...on,
  refundType: 'RETURN_AND_REFUND',
  lines: [
    { productId: 'p-1', quantity: 2, unitPrice: 1500, amount: 3000 },
    { productId: 'p-2', quantity: 1, unitPrice: 900, amount: 900 },
  ],
  amount: 3900,
  reason: 'too small',
  respondBy: '2026-11-26T05:00:00.000Z',
});
const registered = stored(shopRegistered('shop-1'), '2026-11-01T00:00:00.000Z', 'PLATFORM');

describe('refunds', () => {
  it('follows a return from its request to the refund, each step on its local day', async () => {
    const events = [
      registered,
      stored(requested, '2026-11-24T05:00:00.000Z', 'BUYER'),
      stored(
        ev('RefundApproved', {
          ...on,
          approvedBy: 'SELLER',
          automatic: false,
          returnBy: '2026-12-09T10:00:00.000Z',
        }),
        '2026-11-24T10:00:00.000Z',
        'SELLER',
      ),
      stored(
        ev('ReturnReceived', { ...on, lines: requested.data.lines, issueBy: '2026-11-30T07:00:00.000Z' }),
        '2026-11-28T07:00:00.000Z',
        'SELLER',
      ),
      stored(ev('RefundIssued', { ...on, amount: 3900 }), '2026-11-29T20:00:00.000Z', 'SELLER'),
    ];
    expect(await documents<RefundDoc>(events, 'refund')).toEqual({
      'o-1/r-1': {
        refundId: 'r-1',
        orderId: 'o-1',
        refundType: 'RETURN_AND_REFUND',
        status: 'REFUNDED',
        amount: 3900,
        units: 3,
        requestedAt: '2026-11-24T05:00:00.000Z',
        requestedDate: '2026-11-23',
        receivedDate: '2026-11-27',
        issuedDate: '2026-11-29',
        reason: 'too small',
        respondBy: '2026-11-26T05:00:00.000Z',
        returnBy: '2026-12-09T10:00:00.000Z',
        issueBy: '2026-11-30T07:00:00.000Z',
      },
    });
  });

  it('stops at a rejection', async () => {
    const events = [
      registered,
      stored(requested, '2026-11-24T20:00:00.000Z', 'BUYER'),
      stored(
        ev('RefundRejected', { ...on, reason: 'worn', rejectedBy: 'SELLER' }),
        '2026-11-25T20:00:00.000Z',
        'SELLER',
      ),
    ];
    expect((await documents<RefundDoc>(events, 'refund'))['o-1/r-1']).toMatchObject({
      status: 'REJECTED',
      receivedDate: null,
      issuedDate: null,
    });
  });

  it('keeps an approved refund-only’s issueBy, and no deadline for a request made before deadlines', async () => {
    const refundOnly = ev('RefundRequested', { ...requested.data, refundType: 'REFUND_ONLY' });
    const events = [
      registered,
      stored(refundOnly, '2026-11-24T05:00:00.000Z', 'BUYER'),
      stored(
        ev('RefundApproved', { ...on, approvedBy: 'SYSTEM', automatic: true, issueBy: '2026-11-28T05:00:00.000Z' }),
        '2026-11-26T05:00:00.000Z',
      ),
    ];
    expect((await documents<RefundDoc>(events, 'refund'))['o-1/r-1']).toMatchObject({
      status: 'APPROVED',
      respondBy: '2026-11-26T05:00:00.000Z',
      returnBy: null,
      issueBy: '2026-11-28T05:00:00.000Z',
    });
    const { respondBy: _none, ...before } = requested.data;
    const old = [registered, stored(ev('RefundRequested', before), '2026-11-24T05:00:00.000Z', 'BUYER')];
    expect((await documents<RefundDoc>(old, 'refund'))['o-1/r-1']).toMatchObject({
      status: 'REQUESTED',
      respondBy: null,
    });
  });
});
