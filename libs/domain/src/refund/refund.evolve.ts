import { assertNever } from '../shared/domain-error';
import type { RefundEntry, RefundEvent, RefundStatus } from './refund.types';

function withStatus(refunds: RefundEntry[], refundId: string, status: RefundStatus): RefundEntry[] {
  return refunds.map((r) => (r.refundId === refundId ? { ...r, status } : r));
}

/** Folds a refund event into the order's list of refunds. */
export function evolveRefund(refunds: RefundEntry[], event: RefundEvent): RefundEntry[] {
  const { refundId } = event.data;
  switch (event.type) {
    case 'RefundRequested': {
      const { refundType, lines, amount } = event.data;
      return [...refunds, { refundId, refundType, lines, amount, status: 'REQUESTED' }];
    }
    case 'RefundApproved':
      return withStatus(refunds, refundId, 'APPROVED');
    case 'RefundRejected':
      return withStatus(refunds, refundId, 'REJECTED');
    case 'ReturnReceived':
      return withStatus(refunds, refundId, 'RETURN_RECEIVED');
    case 'RefundIssued':
      return withStatus(refunds, refundId, 'REFUNDED');
    default:
      return assertNever(event);
  }
}
