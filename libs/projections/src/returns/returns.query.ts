import { canonical, isPast } from '../deadlines/deadline';
import type { DocStore } from '../doc-store';
import { addDays } from '../local-time';
import { pendingCancellation } from '../orders/order.doc';
import { listOrders } from '../orders/orders.query';
import { countBy, datesIn, inRange, monthsIn, zeros, type Range } from '../range';
import type { RefundDoc } from './refund.projection';

const REFUND_STATUSES = ['REQUESTED', 'APPROVED', 'REJECTED', 'RETURN_RECEIVED', 'REFUNDED'];

/**
 * Returns and refunds: requests in the range by status; the queue awaiting the seller (REQUESTED
 * for a decision, RETURN_RECEIVED for the refund); units returned and amount refunded per day and
 * month; and the return rate: of the orders delivered in the 30 local days before `to`, the share
 * with at least one REFUNDED refund. Beside the refunds, the buyers' cancellation requests awaiting
 * the seller's answer, oldest first; `overdue` is a deadline (`respondBy`, `issueBy`) past at `asOf`.
 */
export async function returns(docs: DocStore, shopId: string, range: Range, at: string) {
  const asOf = canonical(at);
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
  const orders = await listOrders(docs, shopId);
  const delivered = orders.filter((o) => inRange(o.deliveredDate, window));
  const refundedOrders = delivered.filter((o) => o.refunded).length;
  return {
    shopId,
    ...range,
    asOf,
    byStatus: { ...zeros(REFUND_STATUSES), ...countBy(requested, (r) => r.status) },
    pending: refunds
      .filter((r) => r.status === 'REQUESTED' || r.status === 'RETURN_RECEIVED')
      .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt))
      .map((r) => {
        const awaiting = r.status === 'REQUESTED' ? 'DECISION' : 'REFUND';
        return { ...r, awaiting, overdue: isPast(awaiting === 'DECISION' ? r.respondBy : r.issueBy, asOf) };
      }),
    pendingCancellations: orders
      .flatMap((o) => {
        const request = pendingCancellation(o);
        return request ? [{ orderId: o.orderId, ...request }] : [];
      })
      .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt))
      .map(({ orderId, cancellationId, reason, requestedAt, respondBy }) => ({
        orderId,
        cancellationId,
        reason,
        requestedAt,
        respondBy,
        overdue: isPast(respondBy, asOf),
      })),
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
