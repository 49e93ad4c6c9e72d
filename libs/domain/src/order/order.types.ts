import type { Cmd, Evt, Role } from '../shared/command';
import type { ShipTo } from '../shop/shipping-fee';
import type { RefundEvent, RefundType, RefundStatus } from '../refund/refund.types';

export type OrderStatus = 'AWAITING_SHIPMENT' | 'SHIPPED' | 'DELIVERED' | 'COMPLETED' | 'CANCELLED';
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

export interface RefundLine {
  productId: string;
  quantity: number;
  unitPrice: number;
  amount: number;
}

export interface RefundEntry {
  refundId: string;
  refundType: RefundType;
  status: RefundStatus;
  lines: RefundLine[];
  amount: number;
}

export interface OrderState {
  placed: boolean;
  status: OrderStatus | 'NONE';
  lines: OrderLine[];
  itemsTotal: number;
  returnWindowDays: number;
  deliveredAt: string | null;
  refunds: RefundEntry[];
}

type Ref = { orderId: string };
export type PlaceOrder = Cmd<
  'PlaceOrder',
  Ref & { buyerId: string; lines: { productId: string; quantity: number }[]; shipTo: ShipTo; channel: Channel }
>;
export type CancelOrder = Cmd<'CancelOrder', Ref & { reason: string }>;
export type ShipOrder = Cmd<'ShipOrder', Ref & { carrier: string; trackingNumber: string }>;
export type ConfirmDelivery = Cmd<'ConfirmDelivery', Ref>;
export type CompleteOrder = Cmd<'CompleteOrder', Ref>;
export type OrderCommand = PlaceOrder | CancelOrder | ShipOrder | ConfirmDelivery | CompleteOrder;

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
  }
>;
/** The order was cancelled before shipment; its units went back to stock. */
export type OrderCancelled = Evt<'OrderCancelled', On & { reason: string; cancelledBy: Role }>;
/** The fulfiller handed the parcel to a carrier. */
export type OrderShipped = Evt<'OrderShipped', On & { carrier: string; trackingNumber: string; shippedBy: Role }>;
/** The parcel reached the buyer; the return window starts. */
export type OrderDelivered = Evt<'OrderDelivered', On & { deliveredAt: string }>;
/** The return window passed with no open refund; the order is final. */
export type OrderCompleted = Evt<'OrderCompleted', On>;
export type OrderEvent = OrderPlaced | OrderCancelled | OrderShipped | OrderDelivered | OrderCompleted;

/** Everything stored in an order stream: the order's own events and its refunds'. */
export type OrderStreamEvent = OrderEvent | RefundEvent;
