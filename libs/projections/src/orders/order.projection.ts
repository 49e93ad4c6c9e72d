import { LIFECYCLE } from '@sce/domain';
import { localDate } from '../local-time';
import { projection, type Projected } from '../projection';
import { lifecycleEvolve } from './order-lifecycle';
import { ORDER_EVENTS, orderKey, withIndexKeys, type IndexKeys, type OrderDoc, type OrderProjected } from './order.doc';

export { orderKey, type OrderDoc } from './order.doc';

const withHistory = (order: Omit<OrderDoc, IndexKeys>, event: OrderProjected): OrderDoc =>
  withIndexKeys({
    ...order,
    history: [
      ...order.history,
      { type: event.type, at: event.metadata.occurredAt, by: event.metadata.actor.role, position: event.position },
    ],
  });

const hoursAfter = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3_600_000).toISOString();

function placedOrder(event: Projected<'OrderPlaced'>, timeZone: string): Omit<OrderDoc, IndexKeys> {
  const p = event.data;
  // Orders placed before deadlines existed carry no shipBy.
  const shipBy = (p as { shipBy?: string }).shipBy ?? null;
  return {
    orderId: p.orderId,
    status: 'AWAITING_SHIPMENT',
    buyerId: p.buyerId,
    channel: p.channel,
    placedAt: event.metadata.occurredAt,
    placedDate: localDate(event.metadata.occurredAt, timeZone),
    shipBy,
    autoCancelAt: shipBy && hoursAfter(shipBy, LIFECYCLE.shipByGraceHours),
    shippedLate: false,
    deliveredAt: null,
    deliveredDate: null,
    completeAt: null,
    lines: p.lines.map(({ productId, title, quantity, unitPrice, lineTotal, campaignId }) => ({
      productId,
      title,
      quantity,
      unitPrice,
      lineTotal,
      campaignId,
    })),
    itemsTotal: p.itemsTotal,
    shippingFee: p.shippingFee,
    total: p.total,
    currency: p.currency,
    refunded: false,
    packages: [],
    cancellations: [],
    cancelled: null,
    history: [],
  };
}

/**
 * Each order of a shop: its lines and totals, where it stands, its deadlines (ship-by, auto-cancel,
 * auto-complete), its packages, its cancellation requests, and its history. v2: packages,
 * deadlines, `PARTIALLY_SHIPPED` and cancellation requests.
 */
export const orderProjection = projection<{ order: OrderDoc }, (typeof ORDER_EVENTS)[number]>({
  name: 'orders',
  // 3: stored where its indexes answer counts (ADR 20); 4: the queues' index keys. An engine
  // upgraded in place builds it again.
  version: 4,
  models: ['order'],
  handles: ORDER_EVENTS,
  documents: (event) => [{ order: orderKey(event.data.shopId, event.data.orderId) }],
  evolve: ({ order }, event, shop) => {
    if (event.type === 'OrderPlaced') return { order: withHistory(placedOrder(event, shop.timeZone), event) };
    if (!order) return {};
    return { order: withHistory(lifecycleEvolve(order, event, shop.timeZone), event) };
  },
});
