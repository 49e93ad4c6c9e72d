import type { DocStore } from '../doc-store';
import { pendingCancellation } from '../orders/order.doc';
import { ordersStillToShip } from '../orders/orders.query';
import { refundsWithStatus } from '../returns/returns.query';
import { canonical, isPast } from './deadline';

/**
 * What is overdue in a shop at `asOf`: orders to ship past `shipBy`, cancellation requests and
 * refund requests unanswered past `respondBy`. The engine's timers act on the last two at their
 * deadline, so they count here only between the deadline and the timer's firing (or at a later `asOf`).
 */
export async function overdue(docs: DocStore, shopId: string, query: { asOf: string }) {
  const asOf = canonical(query.asOf);
  // A cancellation request is pending only on an order that has shipped nothing: both are in the queue to ship.
  const [orders, requested] = await Promise.all([
    ordersStillToShip(docs, shopId),
    refundsWithStatus(docs, shopId, ['REQUESTED']),
  ]);
  const toShip = orders.filter((o) => isPast(o.shipBy, asOf)).length;
  const cancellationRequests = orders.filter((o) => isPast(pendingCancellation(o)?.respondBy ?? null, asOf)).length;
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
