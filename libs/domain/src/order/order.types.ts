import type { Cmd, Evt, Role } from '../shared/command';
import type { ShipTo } from '../shop/shipping-fee';
import type { RefundEntry, RefundEvent } from '../refund/refund.types';

export type OrderStatus =
  'AWAITING_SHIPMENT' | 'PARTIALLY_SHIPPED' | 'SHIPPED' | 'DELIVERED' | 'COMPLETED' | 'CANCELLED';
export type Channel = 'LIVE' | 'VIDEO' | 'PRODUCT_CARD';

export interface OrderLine {
  productId: string;
  title: string;
  quantity: number;
  listPrice: number;
  /** What the buyer paid per unit: the list price or the campaign price in force. */
  unitPrice: number;
  lineTotal: number;
  campaignId: string | null;
}

/** Units of one product in a package. */
export interface PackageLine {
  productId: string;
  quantity: number;
}

/** A parcel of the order, as the order's state keeps it. */
export interface PackageEntry {
  packageId: string;
  lines: PackageLine[];
  deliveredAt: string | null;
}

export type CancellationStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'ENDED';

/** A buyer's request to cancel, as the order's state keeps it. `ENDED`: the order was cancelled otherwise. */
export interface CancellationEntry {
  cancellationId: string;
  reason: string;
  status: CancellationStatus;
}

export interface OrderState {
  placed: boolean;
  status: OrderStatus | 'NONE';
  lines: OrderLine[];
  itemsTotal: number;
  placedAt: string;
  returnWindowDays: number;
  deliveredAt: string | null;
  packages: PackageEntry[];
  /** A package went out after `shipBy`. */
  shippedLate: boolean;
  shipBy: string;
  cancellations: CancellationEntry[];
  refunds: RefundEntry[];
}

type Ref = { orderId: string };
export type PlaceOrder = Cmd<
  'PlaceOrder',
  Ref & { buyerId: string; lines: { productId: string; quantity: number }[]; shipTo: ShipTo; channel: Channel }
>;
export type CancelOrder = Cmd<'CancelOrder', Ref & { reason: string }>;
type Parcel = { carrier: string; trackingNumber: string };
/** Ships every unit still unshipped as one package (`packageId`, else `<orderId>/<n>`). */
export type ShipOrder = Cmd<'ShipOrder', Ref & Parcel & { packageId?: string }>;
export type ShipPackage = Cmd<'ShipPackage', Ref & Parcel & { packageId: string; lines: PackageLine[] }>;
/** Delivers one package, or every shipped, undelivered package when `packageId` is left out. */
export type ConfirmDelivery = Cmd<'ConfirmDelivery', Ref & { packageId?: string }>;
export type CompleteOrder = Cmd<'CompleteOrder', Ref>;
type CancellationRef = Ref & { cancellationId: string };
export type RequestCancellation = Cmd<'RequestCancellation', CancellationRef & { reason: string }>;
export type ApproveCancellation = Cmd<'ApproveCancellation', CancellationRef>;
export type RejectCancellation = Cmd<'RejectCancellation', CancellationRef & { reason: string }>;
export type OrderCommand =
  | PlaceOrder
  | CancelOrder
  | ShipOrder
  | ShipPackage
  | ConfirmDelivery
  | CompleteOrder
  | RequestCancellation
  | ApproveCancellation
  | RejectCancellation;

type On = { shopId: string; orderId: string };
/** A buyer placed an order: prices, shipping fee and the return window are fixed here. */
export type OrderPlaced = Evt<
  'OrderPlaced',
  On & {
    buyerId: string;
    channel: Channel;
    lines: OrderLine[];
    itemsTotal: number;
    shippingFee: number;
    total: number;
    currency: string;
    shipTo: ShipTo;
    returnWindowDays: number;
    placedAt: string;
    /** `placedAt + handlingDays × 24 h`, the handling days in force when it was placed. */
    shipBy: string;
  }
>;
/** The order was cancelled before shipment; its units went back to stock. */
export type OrderCancelled = Evt<'OrderCancelled', On & { reason: string; cancelledBy: Role }>;
/**
 * Every unit of the order has shipped (with its last package). `shippedLate`: a package went out
 * after `shipBy` (absent from events recorded before packages existed).
 */
export type OrderShipped = Evt<
  'OrderShipped',
  On & { carrier: string; trackingNumber: string; shippedBy: Role; shippedLate?: boolean }
>;
/** Every package reached the buyer; the return window starts. `completeAt`: the first second after it. */
export type OrderDelivered = Evt<'OrderDelivered', On & { deliveredAt: string; completeAt?: string }>;
/** The fulfiller handed a parcel to a carrier. `late`: after `shipBy`; `autoConfirmAt`: delivered by then unless confirmed before. */
export type PackageShipped = Evt<
  'PackageShipped',
  On &
    Parcel & {
      packageId: string;
      lines: PackageLine[];
      shippedBy: Role;
      shippedAt: string;
      late: boolean;
      autoConfirmAt: string;
    }
>;
/** A parcel reached the buyer. */
export type PackageDelivered = Evt<'PackageDelivered', On & { packageId: string; deliveredAt: string }>;
type OnCancellation = On & { cancellationId: string };
/** The buyer asked to cancel; the seller answers by `respondBy`, else the system approves. */
export type CancellationRequested = Evt<
  'CancellationRequested',
  OnCancellation & { reason: string; requestedAt: string; respondBy: string }
>;
/** The seller (or, at `respondBy`, the system) accepted the request; `OrderCancelled` follows. */
export type CancellationApproved = Evt<
  'CancellationApproved',
  OnCancellation & { approvedBy: Role; automatic: boolean }
>;
/** The seller refused the request; the order goes on. */
export type CancellationRejected = Evt<'CancellationRejected', OnCancellation & { reason: string; rejectedBy: Role }>;
/** The return window passed with no open refund; the order is final. */
export type OrderCompleted = Evt<'OrderCompleted', On>;
export type OrderEvent =
  | OrderPlaced
  | OrderCancelled
  | OrderShipped
  | OrderDelivered
  | OrderCompleted
  | PackageShipped
  | PackageDelivered
  | CancellationRequested
  | CancellationApproved
  | CancellationRejected;

/** Everything stored in an order stream: the order's own events and its refunds'. */
export type OrderStreamEvent = OrderEvent | RefundEvent;
