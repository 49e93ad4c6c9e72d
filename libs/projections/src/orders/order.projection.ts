import type { DocKey } from '../doc-key';
import { localDate } from '../local-time';
import { projection, type Projected } from '../projection';

export interface OrderDoc {
  orderId: string;
  status: string;
  buyerId: string;
  channel: string;
  placedAt: string;
  placedDate: string;
  deliveredAt: string | null;
  deliveredDate: string | null;
  lines: {
    productId: string;
    title: string;
    quantity: number;
    unitPrice: number;
    lineTotal: number;
    campaignId: string | null;
  }[];
  itemsTotal: number;
  shippingFee: number;
  total: number;
  currency: string;
  refunded: boolean;
  /** Every event of the order and its refunds, with the actor its metadata records. */
  history: { type: string; at: string; by: string; position: number }[];
}

export const orderKey = (shopId: string, orderId: string): DocKey => ({ model: 'order', shopId, id: orderId });

const handles = [
  'OrderPlaced',
  'OrderCancelled',
  'OrderShipped',
  'OrderDelivered',
  'OrderCompleted',
  'RefundRequested',
  'RefundApproved',
  'RefundRejected',
  'ReturnReceived',
  'RefundIssued',
] as const;
type OrderEvent = Projected<(typeof handles)[number]>;

const STATUS_AFTER: Partial<Record<OrderEvent['type'], string>> = {
  OrderCancelled: 'CANCELLED',
  OrderShipped: 'SHIPPED',
  OrderCompleted: 'COMPLETED',
};

const withHistory = (order: OrderDoc, event: OrderEvent): OrderDoc => ({
  ...order,
  history: [
    ...order.history,
    { type: event.type, at: event.metadata.occurredAt, by: event.metadata.actor.role, position: event.position },
  ],
});

/** Each order of a shop: its lines and totals, where it stands, and its history. */
export const orderProjection = projection<{ order: OrderDoc }, (typeof handles)[number]>({
  name: 'orders',
  version: 1,
  handles,
  documents: (event) => [{ order: orderKey(event.data.shopId, event.data.orderId) }],
  evolve: ({ order }, event, shop) => {
    if (event.type === 'OrderPlaced') {
      const p = event.data;
      const placed: OrderDoc = {
        orderId: p.orderId,
        status: 'AWAITING_SHIPMENT',
        buyerId: p.buyerId,
        channel: p.channel,
        placedAt: event.metadata.occurredAt,
        placedDate: localDate(event.metadata.occurredAt, shop.timeZone),
        deliveredAt: null,
        deliveredDate: null,
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
        history: [],
      };
      return { order: withHistory(placed, event) };
    }
    if (!order) return {};
    if (event.type === 'OrderDelivered') {
      const { deliveredAt } = event.data;
      const deliveredDate = localDate(deliveredAt, shop.timeZone);
      return { order: withHistory({ ...order, status: 'DELIVERED', deliveredAt, deliveredDate }, event) };
    }
    if (event.type === 'RefundIssued') return { order: withHistory({ ...order, refunded: true }, event) };
    const status = STATUS_AFTER[event.type] ?? order.status;
    return { order: withHistory({ ...order, status }, event) };
  },
});
