import type { DocStore } from '../doc-store';
import { countBy, datesIn, inRange, monthsIn, zeros, type Range } from '../range';
import { orderKey, unitsOf, type OrderDoc } from './order.doc';

const ORDER_STATUSES = ['AWAITING_SHIPMENT', 'PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED', 'COMPLETED', 'CANCELLED'];

/** Every order of the shop, in id order. */
export const listOrders = (docs: DocStore, shopId: string) => docs.list<OrderDoc>('order', shopId);

/** Orders placed in the range: counts by current status, per local day and per month. */
export async function orderStats(docs: DocStore, shopId: string, range: Range) {
  const orders = (await listOrders(docs, shopId)).filter((o) => inRange(o.placedDate, range));
  const count = (list: OrderDoc[]) => ({
    orders: list.length,
    byStatus: { ...zeros(ORDER_STATUSES), ...countBy(list, (o) => o.status) },
  });
  return {
    shopId,
    ...range,
    ...count(orders),
    days: datesIn(range).map((date) => ({ date, ...count(orders.filter((o) => o.placedDate === date)) })),
    months: monthsIn(range).map((month) => ({ month, ...count(orders.filter((o) => o.placedDate.startsWith(month))) })),
  };
}

/** Orders of a shop, newest first, by status and placed range (the queue to ship by deadline: {@link ordersToShip}). */
export async function orderList(
  docs: DocStore,
  shopId: string,
  filter: { status?: string; range?: Range; limit: number },
) {
  const orders = (await listOrders(docs, shopId))
    .filter(
      (o) => (!filter.status || o.status === filter.status) && (!filter.range || inRange(o.placedDate, filter.range)),
    )
    .sort((a, b) => b.placedAt.localeCompare(a.placedAt));
  const summary = ({ history: _history, lines, packages, cancellations: _cancellations, ...order }: OrderDoc) => ({
    ...order,
    ...unitsOf({ lines, packages }),
  });
  return { shopId, total: orders.length, orders: orders.slice(0, filter.limit).map(summary) };
}

/** One order with its lines and history; undefined when the shop has no such order. */
export function orderDetail(docs: DocStore, shopId: string, orderId: string): Promise<OrderDoc | undefined> {
  return docs.get<OrderDoc>(orderKey(shopId, orderId));
}
