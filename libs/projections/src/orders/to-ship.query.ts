import { canonical, isPast } from '../deadlines/deadline';
import type { DocStore } from '../doc-store';
import { pendingCancellation, unitsOf, type OrderDoc } from './order.doc';
import { ordersStillToShip } from './orders.query';

/** Soonest ship-by first; orders placed before deadlines existed (none) last; then by id. */
const byShipBy = (a: OrderDoc, b: OrderDoc) =>
  a.shipBy === b.shipBy
    ? a.orderId.localeCompare(b.orderId)
    : a.shipBy === null
      ? 1
      : b.shipBy === null
        ? -1
        : Date.parse(a.shipBy) - Date.parse(b.shipBy);

/** The orders still to ship (nothing yet, or some packages), by their ship-by deadline, at `asOf`. */
export async function ordersToShip(docs: DocStore, shopId: string, query: { asOf: string; limit: number }) {
  const asOf = canonical(query.asOf);
  const queue = (await ordersStillToShip(docs, shopId)).sort(byShipBy);
  const orders = queue.map((o) => {
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
    total: orders.length,
    overdue: orders.filter((o) => o.overdue).length,
    orders: orders.slice(0, query.limit),
  };
}
