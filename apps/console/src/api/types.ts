/** The shapes of today's read routes, as the engine's OpenAPI document (`/docs-json`) gives them. */

export const CHANNELS = ['LIVE', 'VIDEO', 'PRODUCT_CARD'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface Figures {
  visitors: number;
  buyers: number;
  orders: number;
  itemsSold: number;
  gmv: number;
  refunds: number;
  liveSessions: number;
  /** buyers ÷ visitors; null with no visitors. */
  conversionRate: number | null;
  /** gmv ÷ orders in minor units; null with no orders. */
  avgOrderValue: number | null;
  gmvByChannel: Record<Channel, number>;
}

export interface CampaignOfShop {
  campaignId: string;
  name: string;
  startsAt: string;
  endsAt: string;
  joined: boolean;
  products: number;
}

export interface Dashboard {
  shopId: string;
  from: string;
  to: string;
  days: (Figures & { date: string })[];
  months: (Figures & { month: string })[];
  totals: Figures;
  campaigns: { asOf: string; ongoing: CampaignOfShop[]; upcoming: CampaignOfShop[] };
}

export const ORDER_STATUSES = [
  'AWAITING_SHIPMENT',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
  'DELIVERED',
  'COMPLETED',
  'CANCELLED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface OrderCounts {
  orders: number;
  byStatus: Record<OrderStatus, number>;
}

export interface OrderStats extends OrderCounts {
  shopId: string;
  from: string;
  to: string;
  days: (OrderCounts & { date: string })[];
  months: (OrderCounts & { month: string })[];
}

export interface OrderLine {
  productId: string;
  title: string;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
  campaignId: string | null;
}

interface OrderBase {
  orderId: string;
  status: OrderStatus;
  buyerId: string;
  channel: string;
  placedAt: string;
  placedDate: string;
  deliveredAt: string | null;
  deliveredDate: string | null;
  itemsTotal: number;
  shippingFee: number;
  total: number;
  currency: string;
  refunded: boolean;
  shipBy: string | null;
  autoCancelAt: string | null;
  shippedLate: boolean;
  completeAt: string | null;
  cancelled: { at: string; by: string; reason: string } | null;
}

export interface OrderSummary extends OrderBase {
  units: number;
  unitsShipped: number;
}

export interface Package {
  packageId: string;
  lines: { productId: string; quantity: number }[];
  carrier: string;
  trackingNumber: string;
  shippedAt: string;
  late: boolean;
  autoConfirmAt: string | null;
  deliveredAt: string | null;
}

export interface Cancellation {
  cancellationId: string;
  reason: string;
  requestedAt: string;
  respondBy: string;
  status: 'PENDING' | 'APPROVED' | 'REJECTED' | 'ENDED';
  answeredAt: string | null;
  answeredBy: string | null;
  automatic: boolean;
  rejectReason: string | null;
}

/** `GET /v1/shops/{shopId}/orders/to-ship`: soonest ship-by first. */
export interface ToShip {
  shopId: string;
  asOf: string;
  total: number;
  overdue: number;
  orders: {
    orderId: string;
    status: 'AWAITING_SHIPMENT' | 'PARTIALLY_SHIPPED';
    buyerId: string;
    placedAt: string;
    placedDate: string;
    total: number;
    currency: string;
    units: number;
    unitsShipped: number;
    shipBy: string | null;
    autoCancelAt: string | null;
    overdue: boolean;
    pendingCancellation: { cancellationId: string; respondBy: string } | null;
  }[];
}

/** A buyer's cancellation request awaiting the seller, from the returns answer. */
export interface PendingCancellation {
  orderId: string;
  cancellationId: string;
  reason: string;
  requestedAt: string;
  respondBy: string;
  overdue: boolean;
}

export interface OrderList {
  shopId: string;
  total: number;
  orders: OrderSummary[];
}

export interface OrderDetail extends OrderBase {
  lines: OrderLine[];
  packages: Package[];
  cancellations: Cancellation[];
  history: { type: string; at: string; by: string; position: number }[];
}

export const REFUND_STATUSES = ['REQUESTED', 'APPROVED', 'REJECTED', 'RETURN_RECEIVED', 'REFUNDED'] as const;

export interface Refund {
  refundId: string;
  orderId: string;
  refundType: 'REFUND_ONLY' | 'RETURN_AND_REFUND';
  status: (typeof REFUND_STATUSES)[number];
  amount: number;
  units: number;
  requestedAt: string;
  requestedDate: string;
  reason: string;
  respondBy: string | null;
  issueBy: string | null;
  awaiting: 'DECISION' | 'REFUND';
  overdue: boolean;
}

interface ReturnFigures {
  requests: number;
  unitsReturned: number;
  amountRefunded: number;
}

export interface Returns {
  shopId: string;
  from: string;
  to: string;
  asOf: string;
  byStatus: Record<(typeof REFUND_STATUSES)[number], number>;
  pending: Refund[];
  pendingCancellations: PendingCancellation[];
  totals: ReturnFigures;
  days: (ReturnFigures & { date: string })[];
  months: (ReturnFigures & { month: string })[];
  returnRate: { from: string; to: string; deliveredOrders: number; refundedOrders: number; rate: number };
}

export const PRODUCT_STATUSES = ['ACTIVE', 'PENDING_REVIEW', 'ISSUES', 'SUSPENDED', 'INACTIVE'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export interface Product {
  productId: string;
  title: string;
  price: number;
  stock: number;
  status: ProductStatus;
  reason: string | null;
}

export interface Products {
  shopId: string;
  counts: Record<ProductStatus, number>;
  products: Product[];
}

export interface CampaignProduct {
  productId: string;
  campaignPrice: number;
  reservedStock: number;
}

export interface Campaign {
  campaignId: string;
  name: string;
  registrationStartsAt: string;
  registrationEndsAt: string;
  startsAt: string;
  endsAt: string;
  minimumDiscountPercent: number;
  participants: Record<string, CampaignProduct[]>;
  sales: { orders: number; units: number; gmv: number };
  state: 'ANNOUNCED' | 'REGISTRATION_OPEN' | 'UPCOMING' | 'ONGOING' | 'ENDED';
}

/** `POST /v1/commands` answered 200. */
export interface Accepted {
  status: 'accepted';
  streams: { stream: string; revision: number }[];
  positions: number[];
}
