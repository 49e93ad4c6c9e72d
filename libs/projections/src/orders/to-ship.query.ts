import { canonical, isPast } from '../deadlines/deadline';
import type { DocStore } from '../doc-store';
import { pendingCancellation, TO_SHIP, unitsOf, type OrderDoc } from './order.doc';
import { countBefore } from './orders.query';

/**
 * The orders still to ship (nothing yet, or some packages), soonest ship-by first (orders without
 * one last), then by id, at `asOf`: the first `limit` of them, with how many there are and are overdue.
 */
export async function ordersToShip(docs: DocStore, shopId: string, query: { asOf: string; limit: number }) {
  const asOf = canonical(query.asOf);
  const [queued, overdue, first] = await Promise.all([
    docs.countBy('order', shopId, [], { status: TO_SHIP }),
    countBefore(docs, shopId, 'toShipBy', asOf),
    docs.page<OrderDoc>('order', shopId, { by: 'toShipBy', limit: query.limit, order: 'asc' }),
  ]);
  const orders = first.docs.map((o) => {
    const pending = pendingCancellation(o);
    return {
      orderId: o.orderId,
      status: o.status,
      buyerId: o.buyerId,
      placedAt: o.placedAt,
      placedDate: o.placedDate,
      total: o.total,
      currency: o.currency,
      ...unitsOf(o),
      shipBy: o.shipBy,
      autoCancelAt: o.autoCancelAt,
      /** Past `shipBy` at `asOf`: it ships late now (a partly shipped order stays overdue, it is not cancelled). */
      overdue: isPast(o.shipBy, asOf),
      /** Shipping waits for the seller's answer to this request. */
      pendingCancellation: pending && { cancellationId: pending.cancellationId, respondBy: pending.respondBy },
    };
  });
  return {
    shopId,
    asOf,
    total: queued.reduce((n, g) => n + g.count, 0),
    overdue,
    orders,
  };
}
