import type { DocStore } from '../doc-store';
import { addDays } from '../local-time';
import { listOrders } from '../orders/orders.query';
import { countBy, datesIn, inRange, monthsIn, zeros, type Range } from '../range';
import type { RefundDoc } from './refund.projection';

const REFUND_STATUSES = ['REQUESTED', 'APPROVED', 'REJECTED', 'RETURN_RECEIVED', 'REFUNDED'];

/**
 * Returns and refunds: requests in the range by status; the queue awaiting the seller (REQUESTED
 * for a decision, RETURN_RECEIVED for the refund); units returned and amount refunded per day and
 * month; and the return rate: of the orders delivered in the 30 local days before `to`, the share
 * with at least one REFUNDED refund.
 */
export async function returns(docs: DocStore, shopId: string, range: Range) {
  const refunds = await docs.list<RefundDoc>('refund', shopId);
  const requested = refunds.filter((r) => inRange(r.requestedDate, range));
  const figures = (match: (date: string | null) => boolean) => ({
    requests: refunds.filter((r) => match(r.requestedDate)).length,
    unitsReturned: refunds
      .filter((r) => r.refundType === 'RETURN_AND_REFUND' && match(r.receivedDate))
      .reduce((n, r) => n + r.units, 0),
    amountRefunded: refunds
      .filter((r) => r.status === 'REFUNDED' && match(r.issuedDate))
      .reduce((n, r) => n + r.amount, 0),
  });
  const window = { from: addDays(range.to, -30), to: range.to };
  const delivered = (await listOrders(docs, shopId)).filter((o) => inRange(o.deliveredDate, window));
  const refundedOrders = delivered.filter((o) => o.refunded).length;
  return {
    shopId,
    ...range,
    byStatus: { ...zeros(REFUND_STATUSES), ...countBy(requested, (r) => r.status) },
    pending: refunds
      .filter((r) => r.status === 'REQUESTED' || r.status === 'RETURN_RECEIVED')
      .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt))
      .map((r) => ({ ...r, awaiting: r.status === 'REQUESTED' ? 'DECISION' : 'REFUND' })),
    totals: figures((d) => inRange(d, range)),
    days: datesIn(range).map((date) => ({ date, ...figures((d) => d === date) })),
    months: monthsIn(range).map((month) => ({ month, ...figures((d) => d !== null && d.startsWith(month)) })),
    returnRate: {
      ...window,
      deliveredOrders: delivered.length,
      refundedOrders,
      rate: delivered.length ? refundedOrders / delivered.length : 0,
    },
  };
}
