import type { DocStore } from '../doc-store';
import { countBefore } from '../orders/orders.query';
import { refundsWithStatus } from '../returns/returns.query';
import { canonical, isPast } from './deadline';

/**
 * What is overdue in a shop at `asOf`: orders to ship past `shipBy`, cancellation requests and
 * refund requests unanswered past `respondBy`. The engine's timers act on the last two at their
 * deadline, so they count here only between the deadline and the timer's firing (or at a later `asOf`).
 */
export async function overdue(docs: DocStore, shopId: string, query: { asOf: string }) {
  const asOf = canonical(query.asOf);
  const [toShip, cancellationRequests, requested] = await Promise.all([
    countBefore(docs, shopId, 'toShipBy', asOf),
    countBefore(docs, shopId, 'cancellationRespondBy', asOf),
    refundsWithStatus(docs, shopId, ['REQUESTED']),
  ]);
  const refundRequests = requested.filter((r) => isPast(r.respondBy, asOf)).length;
  return {
    shopId,
    asOf,
    toShip,
    cancellationRequests,
    refundRequests,
    total: toShip + cancellationRequests + refundRequests,
  };
}
