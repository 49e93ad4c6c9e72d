import type { DocKey } from '../doc-key';
import type { Projected } from '../projection';

/** A parcel of the order: what it holds, when it went out and arrived, when it is confirmed unless told. */
export interface PackageDoc {
  packageId: string;
  lines: { productId: string; quantity: number }[];
  carrier: string;
  trackingNumber: string;
  shippedAt: string;
  /** Shipped after the order's `shipBy`. */
  late: boolean;
  /** Confirmed delivered by the system then, unless confirmed before; null for orders shipped before packages. */
  autoConfirmAt: string | null;
  deliveredAt: string | null;
}

/** A buyer's request to cancel and how it ended: answered, or `ENDED` by a cancellation of another kind. */
export interface CancellationDoc {
  cancellationId: string;
  reason: string;
  requestedAt: string;
  /** The seller answers by then, else the system approves. */
  respondBy: string;
  status: 'PENDING' | 'APPROVED' | 'REJECTED' | 'ENDED';
  answeredAt: string | null;
  answeredBy: string | null;
  /** Approved by the system at `respondBy`. */
  automatic: boolean;
  /** The seller's reason to reject. */
  rejectReason: string | null;
}

export interface OrderDoc {
  orderId: string;
  status: string;
  buyerId: string;
  channel: string;
  placedAt: string;
  placedDate: string;
  /** The ship-by deadline recorded when the order was placed; null for orders placed before deadlines. */
  shipBy: string | null;
  /** When the system cancels it if nothing has shipped (`shipBy` + the platform's grace). */
  autoCancelAt: string | null;
  /** A package went out after `shipBy`. */
  shippedLate: boolean;
  deliveredAt: string | null;
  deliveredDate: string | null;
  /** When the system completes it: the first second after its return window (once delivered). */
  completeAt: string | null;
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
  packages: PackageDoc[];
  /** Every cancellation request, oldest first; at most one is `PENDING`. */
  cancellations: CancellationDoc[];
  /** Who cancelled the order and why (`SHIPPING_OVERDUE`: the system, nothing shipped in time). */
  cancelled: { at: string; by: string; reason: string } | null;
  /** Every event of the order and its refunds, with the actor its metadata records. */
  history: { type: string; at: string; by: string; position: number }[];
  /** Index key, not answered: `shipBy` while the order is still to ship (`NEVER` without one), else null. */
  toShipBy: string | null;
  /** Index key, not answered: the pending cancellation request's `respondBy`, else null. */
  cancellationRespondBy: string | null;
}

/** The keys of the queues' indexes, which answers leave out. */
export type IndexKeys = 'toShipBy' | 'cancellationRespondBy';

/** A deadline that never passes, after every instant: where the queue to ship puts orders without one. */
export const NEVER = '9999-12-31T23:59:59.999Z';

export const orderKey = (shopId: string, orderId: string): DocKey => ({ model: 'order', shopId, id: orderId });

/** Units bought and units in a package so far. */
export const unitsOf = (order: Pick<OrderDoc, 'lines' | 'packages'>) => ({
  units: order.lines.reduce((n, l) => n + l.quantity, 0),
  unitsShipped: order.packages.reduce((n, p) => n + p.lines.reduce((m, l) => m + l.quantity, 0), 0),
});

/** Nothing shipped yet, or only some packages: the statuses of the queue to ship. */
export const TO_SHIP: readonly string[] = ['AWAITING_SHIPMENT', 'PARTIALLY_SHIPPED'];

/** The request awaiting the seller's answer, if any. */
export const pendingCancellation = (order: Pick<OrderDoc, 'cancellations'>) =>
  order.cancellations.find((c) => c.status === 'PENDING') ?? null;

/**
 * The order with its queue keys as it now stands, so that the queues to ship and to answer are read
 * from their indexes, as long as they are and no longer (not from every order still to ship).
 */
export const withIndexKeys = (order: Omit<OrderDoc, IndexKeys>): OrderDoc => ({
  ...order,
  toShipBy: TO_SHIP.includes(order.status) ? (order.shipBy ?? NEVER) : null,
  cancellationRespondBy: pendingCancellation(order)?.respondBy ?? null,
});

/** An order as answers give it. */
export type OrderAnswer = Omit<OrderDoc, IndexKeys>;

/** The order as answers give it: without its index keys. */
export function answered({ toShipBy: _toShipBy, cancellationRespondBy: _respondBy, ...order }: OrderDoc): OrderAnswer {
  return order;
}

/** The events of an order stream the orders read model follows. */
export const ORDER_EVENTS = [
  'OrderPlaced',
  'OrderCancelled',
  'OrderShipped',
  'OrderDelivered',
  'OrderCompleted',
  'PackageShipped',
  'PackageDelivered',
  'CancellationRequested',
  'CancellationApproved',
  'CancellationRejected',
  'RefundRequested',
  'RefundApproved',
  'RefundRejected',
  'ReturnReceived',
  'RefundIssued',
] as const;
export type OrderProjected = Projected<(typeof ORDER_EVENTS)[number]>;
