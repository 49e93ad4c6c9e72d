import type { DocStore } from '../doc-store';
import { allPages, decodeCursor, encodeCursor, type Group, type Where } from '../indexed-reads';
import { addDays } from '../local-time';
import { datesIn, monthsIn, zeros, type Range } from '../range';
import { answered, orderKey, unitsOf, type OrderDoc } from './order.doc';

const total = (groups: Group[]) => groups.reduce((n, g) => n + g.count, 0);

const ORDER_STATUSES = ['AWAITING_SHIPMENT', 'PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED', 'COMPLETED', 'CANCELLED'];

/** The orders of the shop with a cancellation request pending, soonest `respondBy` first: as many as there are. */
export const ordersAwaitingAnswer = (docs: DocStore, shopId: string) =>
  allPages((after) =>
    docs.page<OrderDoc>('order', shopId, { by: 'cancellationRespondBy', after, limit: 500, order: 'asc' }),
  );

/** How many orders of the shop have `field` (an instant) before `asOf`: the deadlines past at `asOf`. */
export const countBefore = async (
  docs: DocStore,
  shopId: string,
  field: 'toShipBy' | 'cancellationRespondBy',
  asOf: string,
) => total(await docs.countBy('order', shopId, [], { [field]: { from: '', to: asOf } }));

/** Orders placed in the range: counts by current status, per local day and per month. */
export async function orderStats(docs: DocStore, shopId: string, range: Range) {
  const groups = await docs.countBy('order', shopId, ['placedDate', 'status'], { placedDate: range });
  const count = (placed: (date: string) => boolean) => {
    const some = groups.filter((g) => placed(g.values[0]!));
    const byStatus = zeros(ORDER_STATUSES);
    for (const { values, count } of some) byStatus[values[1]!] = (byStatus[values[1]!] ?? 0) + count;
    return { orders: some.reduce((n, g) => n + g.count, 0), byStatus };
  };
  return {
    shopId,
    ...range,
    ...count(() => true),
    days: datesIn(range).map((date) => ({ date, ...count((d) => d === date) })),
    months: monthsIn(range).map((month) => ({ month, ...count((d) => d.startsWith(month)) })),
  };
}

/**
 * The placed instants of orders placed on the range's local dates, in any zone (UTC−12 to UTC+14),
 * a day wider each side: what lets the list seek by `placedAt` to a range given in dates.
 */
const placedAround = ({ from, to }: Range) => ({ from: addDays(from, -1), to: addDays(to, 1) });

/**
 * Orders of a shop, newest first (then by id, last first), by status and placed range, `limit` at a
 * time: `cursor` is a previous answer's `nextCursor` (null on the last page). The queue to ship by
 * deadline: {@link ordersToShip}.
 * @throws RangeError for a cursor no answer gave (the HTTP edge refuses those first).
 */
export async function orderList(
  docs: DocStore,
  shopId: string,
  filter: { status?: string; range?: Range; limit: number; cursor?: string },
) {
  const where: Where = { status: filter.status, placedDate: filter.range };
  const after = filter.cursor === undefined ? undefined : decodeCursor(filter.cursor);
  if (filter.cursor !== undefined && !after) throw new RangeError('cursor is not a nextCursor an answer gave');
  const [counted, page] = await Promise.all([
    docs.countBy('order', shopId, [], where),
    docs.page<OrderDoc>('order', shopId, {
      by: 'placedAt',
      where: { ...where, placedAt: filter.range && placedAround(filter.range) },
      after,
      limit: filter.limit,
      order: 'desc',
    }),
  ]);
  const summary = (doc: OrderDoc) => {
    const { history: _history, lines, packages, cancellations: _cancellations, ...order } = answered(doc);
    return { ...order, ...unitsOf({ lines, packages }) };
  };
  return {
    shopId,
    total: total(counted),
    orders: page.docs.map(summary),
    nextCursor: page.next && encodeCursor(page.next),
  };
}

/** One order with its lines and history; undefined when the shop has no such order. */
export async function orderDetail(docs: DocStore, shopId: string, orderId: string) {
  const order = await docs.get<OrderDoc>(orderKey(shopId, orderId));
  return order && answered(order);
}
