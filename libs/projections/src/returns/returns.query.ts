import { canonical, isPast } from '../deadlines/deadline';
import type { DocStore } from '../doc-store';
import { allPages, type Group, type IndexedField, type Where } from '../indexed-reads';
import { addDays } from '../local-time';
import { pendingCancellation } from '../orders/order.doc';
import { ordersAwaitingAnswer } from '../orders/orders.query';
import { datesIn, inRange, monthsIn, wholeMonths, zeros, type Range } from '../range';
import type { RefundDoc } from './refund.projection';

const REFUND_STATUSES = ['REQUESTED', 'APPROVED', 'REJECTED', 'RETURN_RECEIVED', 'REFUNDED'];

/** Every refund whose `by` matches `where`: as many as match, not the shop's history. */
const refundsBy = (docs: DocStore, shopId: string, by: IndexedField, where: Where) =>
  allPages((after) => docs.page<RefundDoc>('refund', shopId, { by, where, after, limit: 500, order: 'asc' }));

/** The refunds awaiting the seller's decision, or the refund of a received return. */
export const refundsWithStatus = (docs: DocStore, shopId: string, statuses: string[]) =>
  refundsBy(docs, shopId, 'status', { status: statuses });

/** As the store orders refund ids (`orderId/refundId`): by their code units, which ASCII ids share with bytes. */
const byId = (a: RefundDoc, b: RefundDoc) => {
  const [x, y] = [`${a.orderId}/${a.refundId}`, `${b.orderId}/${b.refundId}`];
  return x < y ? -1 : x > y ? 1 : 0;
};

const total = (groups: Group[]) => groups.reduce((n, g) => n + g.count, 0);

/**
 * Returns and refunds: requests in the range by status; the queue awaiting the seller (REQUESTED
 * for a decision, RETURN_RECEIVED for the refund); units returned and amount refunded per day and
 * month; and the return rate: of the orders delivered in the 30 local days before `to`, the share
 * with at least one REFUNDED refund. Beside the refunds, the buyers' cancellation requests awaiting
 * the seller's answer, oldest first; `overdue` is a deadline (`respondBy`, `issueBy`) past at `asOf`.
 */
export async function returns(docs: DocStore, shopId: string, range: Range, at: string) {
  const asOf = canonical(at);
  // Months are whole: what they sum is read for all their days.
  const months = wholeMonths(range);
  const window = { from: addDays(range.to, -30), to: range.to };
  const [requested, received, issued, pending, awaitingAnswer, delivered, refunded] = await Promise.all([
    docs.countBy('refund', shopId, ['requestedDate', 'status'], { requestedDate: months }),
    refundsBy(docs, shopId, 'receivedDate', { receivedDate: months }),
    refundsBy(docs, shopId, 'issuedDate', { issuedDate: months, status: 'REFUNDED' }),
    refundsWithStatus(docs, shopId, ['REQUESTED', 'RETURN_RECEIVED']),
    ordersAwaitingAnswer(docs, shopId),
    docs.countBy('order', shopId, [], { deliveredDate: window }),
    docs.countBy('order', shopId, [], { deliveredDate: window, refunded: true }),
  ]);
  const figures = (match: (date: string | null) => boolean) => ({
    requests: total(requested.filter((g) => match(g.values[0]!))),
    unitsReturned: received
      .filter((r) => r.refundType === 'RETURN_AND_REFUND' && match(r.receivedDate))
      .reduce((n, r) => n + r.units, 0),
    amountRefunded: issued.filter((r) => match(r.issuedDate)).reduce((n, r) => n + r.amount, 0),
  });
  const byStatus = zeros(REFUND_STATUSES);
  for (const { values, count } of requested.filter((g) => inRange(g.values[0]!, range)))
    byStatus[values[1]!] = (byStatus[values[1]!] ?? 0) + count;
  const deliveredOrders = total(delivered);
  const refundedOrders = total(refunded);
  return {
    shopId,
    ...range,
    asOf,
    byStatus,
    pending: pending
      .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt) || byId(a, b))
      .map((r) => {
        const awaiting = r.status === 'REQUESTED' ? 'DECISION' : 'REFUND';
        return { ...r, awaiting, overdue: isPast(awaiting === 'DECISION' ? r.respondBy : r.issueBy, asOf) };
      }),
    pendingCancellations: awaitingAnswer
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
      deliveredOrders,
      refundedOrders,
      rate: deliveredOrders ? refundedOrders / deliveredOrders : 0,
    },
  };
}
