import type { DocStore } from '../doc-store';
import { pendingCancellation, stillToShip } from '../orders/order.doc';
import { listOrders } from '../orders/orders.query';
import type { RefundDoc } from '../returns/refund.projection';
import { canonical, isPast } from './deadline';

/**
 * What is overdue in a shop at `asOf`: orders to ship past `shipBy`, cancellation requests and
 * refund requests unanswered past `respondBy`. The engine's timers act on the last two at their
 * deadline, so they count here only between the deadline and the timer's firing (or at a later `asOf`).
 */
export async function overdue(docs: DocStore, shopId: string, query: { asOf: string }) {
  const asOf = canonical(query.asOf);
  const orders = await listOrders(docs, shopId);
  const refunds = await docs.list<RefundDoc>('refund', shopId);
  const toShip = orders.filter((o) => stillToShip(o) && isPast(o.shipBy, asOf)).length;
  const cancellationRequests = orders.filter((o) => isPast(pendingCancellation(o)?.respondBy ?? null, asOf)).length;
  const refundRequests = refunds.filter((r) => r.status === 'REQUESTED' && isPast(r.respondBy, asOf)).length;
  return {
    shopId,
    asOf,
    toShip,
    cancellationRequests,
    refundRequests,
    total: toShip + cancellationRequests + refundRequests,
  };
}
