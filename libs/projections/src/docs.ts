/** Read models are small JSON documents, one per (model, shop, id). Campaigns use the shop `*`. */
export type Model = 'shop' | 'day' | 'month' | 'seen' | 'order' | 'refund' | 'product' | 'campaign';

export interface DocKey {
  model: Model;
  shopId: string;
  id: string;
}

export const keyOf = ({ model, shopId, id }: DocKey) => `${model}\u0000${shopId}\u0000${id}`;

export function parseKey(key: string): DocKey {
  const [model, shopId, id] = key.split('\u0000') as [Model, string, string];
  return { model, shopId, id };
}

export interface ShopDoc {
  shopId: string;
  name: string;
  timeZone: string;
  currency: string;
}

export interface DayDoc {
  date: string;
  /** Distinct visitors that day; who they were is in the `seen` documents. */
  visitors: number;
  orders: number;
  itemsSold: number;
  gmv: number;
  refunds: number;
  liveSessions: number;
}

export interface MonthDoc {
  month: string;
  visitors: number;
}

/** A visitor seen in a period: id `d:YYYY-MM-DD:visitor` or `m:YYYY-MM:visitor`. */
export interface SeenDoc {
  period: string;
  visitorId: string;
}

export const seenId = (period: string, visitorId: string) =>
  `${period.length === 10 ? 'd' : 'm'}:${period}:${visitorId}`;

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
  history: { type: string; at: string; by: string; position: number }[];
}

export interface RefundDoc {
  refundId: string;
  orderId: string;
  refundType: string;
  status: string;
  amount: number;
  units: number;
  requestedAt: string;
  requestedDate: string;
  receivedDate: string | null;
  issuedDate: string | null;
  reason: string;
}

export interface ProductDoc {
  productId: string;
  title: string;
  price: number;
  stock: number;
  status: string;
  reason: string | null;
}

export interface CampaignDoc {
  campaignId: string;
  name: string;
  registrationStartsAt: string;
  registrationEndsAt: string;
  startsAt: string;
  endsAt: string;
  minimumDiscountPercent: number;
  /** shopId → products taking part. */
  participants: Record<string, { productId: string; campaignPrice: number; reservedStock: number }[]>;
  sales: { orders: number; units: number; gmv: number };
}
