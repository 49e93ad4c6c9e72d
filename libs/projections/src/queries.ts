import type { DocStore } from './doc-store';
import type { CampaignDoc, DayDoc, MonthDoc, OrderDoc, ProductDoc, RefundDoc, SeenDoc, ShopDoc } from './docs';
import { addDays } from './local-time';

export interface Range {
  /** Local date, inclusive. */
  from: string;
  /** Local date, exclusive. */
  to: string;
}

const ORDER_STATUSES = ['AWAITING_SHIPMENT', 'SHIPPED', 'DELIVERED', 'COMPLETED', 'CANCELLED'];
const REFUND_STATUSES = ['REQUESTED', 'APPROVED', 'REJECTED', 'RETURN_RECEIVED', 'REFUNDED'];
const PRODUCT_STATUSES = ['PENDING_REVIEW', 'ACTIVE', 'ISSUES', 'SUSPENDED', 'INACTIVE'];

const zeros = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<string, number>;
const inRange = (date: string | null, { from, to }: Range) => date !== null && from <= date && date < to;

/** Every date in [from, to). */
export function datesIn({ from, to }: Range): string[] {
  const dates: string[] = [];
  for (let d = from; d < to; d = addDays(d, 1)) dates.push(d);
  return dates;
}

const monthsIn = (range: Range) => [...new Set(datesIn(range).map((d) => d.slice(0, 7)))];

export async function shopOf(docs: DocStore, shopId: string): Promise<ShopDoc | undefined> {
  return docs.get<ShopDoc>({ model: 'shop', shopId, id: shopId });
}

type Figures = Omit<DayDoc, 'date' | 'visitors'>;
const sum = (days: Figures[]): Figures => ({
  orders: days.reduce((n, d) => n + d.orders, 0),
  itemsSold: days.reduce((n, d) => n + d.itemsSold, 0),
  gmv: days.reduce((n, d) => n + d.gmv, 0),
  refunds: days.reduce((n, d) => n + d.refunds, 0),
  liveSessions: days.reduce((n, d) => n + d.liveSessions, 0),
});

/**
 * The seller's home page: per local day in the range, per calendar month the range touches (whole
 * months: sums of their days, visitors distinct in the month), totals over the range (visitors
 * distinct over the range), and the campaigns ongoing and upcoming at `asOf`.
 */
export async function dashboard(docs: DocStore, shopId: string, range: Range, asOf: string) {
  const byDate = new Map((await docs.list<DayDoc>('day', shopId)).map((d) => [d.date, d]));
  const day = (date: string) =>
    byDate.get(date) ?? { date, visitors: 0, orders: 0, itemsSold: 0, gmv: 0, refunds: 0, liveSessions: 0 };
  const days = datesIn(range).map(day);
  const months = await Promise.all(
    monthsIn(range).map(async (month) => {
      const all = [...byDate.values()].filter((d) => d.date.startsWith(month));
      const visitors = (await docs.get<MonthDoc>({ model: 'month', shopId, id: month }))?.visitors ?? 0;
      return { month, visitors, ...sum(all) };
    }),
  );
  const campaigns = await docs.list<CampaignDoc>('campaign', '*');
  const mine = (c: CampaignDoc) => ({
    campaignId: c.campaignId,
    name: c.name,
    startsAt: c.startsAt,
    endsAt: c.endsAt,
    joined: Boolean(c.participants[shopId]?.length),
    products: c.participants[shopId]?.length ?? 0,
  });
  return {
    shopId,
    ...range,
    days: days.map((d) => ({ date: d.date, visitors: d.visitors, ...sum([d]) })),
    months,
    totals: { visitors: await distinctVisitors(docs, shopId, range), ...sum(days) },
    campaigns: {
      asOf,
      ongoing: campaigns.filter((c) => c.startsAt <= asOf && asOf < c.endsAt).map(mine),
      upcoming: campaigns.filter((c) => asOf < c.startsAt).map(mine),
    },
  };
}

/** Distinct visitors over several days: the day-level `seen` documents in the range. */
async function distinctVisitors(docs: DocStore, shopId: string, { from, to }: Range): Promise<number> {
  const seen = await docs.listRange<SeenDoc>('seen', shopId, `d:${from}:`, `d:${to}:`);
  return new Set(seen.map((s) => s.visitorId)).size;
}

/** Orders placed in the range: counts by current status, per local day and per month. */
export async function orderStats(docs: DocStore, shopId: string, range: Range) {
  const orders = (await docs.list<OrderDoc>('order', shopId)).filter((o) => inRange(o.placedDate, range));
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

/** Orders of a shop, newest first: by status (the "to ship" queue is AWAITING_SHIPMENT) and placed range. */
export async function orderList(
  docs: DocStore,
  shopId: string,
  filter: { status?: string; range?: Range; limit: number },
) {
  const orders = (await docs.list<OrderDoc>('order', shopId))
    .filter(
      (o) => (!filter.status || o.status === filter.status) && (!filter.range || inRange(o.placedDate, filter.range)),
    )
    .sort((a, b) => b.placedAt.localeCompare(a.placedAt));
  const summary = ({ history: _history, lines, ...order }: OrderDoc) => ({
    ...order,
    units: lines.reduce((n, l) => n + l.quantity, 0),
  });
  return { shopId, total: orders.length, orders: orders.slice(0, filter.limit).map(summary) };
}

export async function orderDetail(docs: DocStore, shopId: string, orderId: string): Promise<OrderDoc | undefined> {
  return docs.get<OrderDoc>({ model: 'order', shopId, id: orderId });
}

/**
 * Returns and refunds: requests in the range by status; the queue awaiting the seller (REQUESTED
 * for a decision, RETURN_RECEIVED for the refund); units returned and amount refunded per day and
 * month; and the return rate: of the orders delivered in the 30 local days before `to`, the share
 * with at least one REFUNDED refund.
 */
export async function returns(docs: DocStore, shopId: string, range: Range) {
  const refunds = await docs.list<RefundDoc>('refund', shopId);
  const requested = refunds.filter((r) => inRange(r.requestedDate, range));
  const figures = (match: (date: string | null) => boolean) => ({
    requests: refunds.filter((r) => match(r.requestedDate)).length,
    unitsReturned: refunds
      .filter((r) => r.refundType === 'RETURN_AND_REFUND' && match(r.receivedDate))
      .reduce((n, r) => n + r.units, 0),
    amountRefunded: refunds
      .filter((r) => r.status === 'REFUNDED' && match(r.issuedDate))
      .reduce((n, r) => n + r.amount, 0),
  });
  const window = { from: addDays(range.to, -30), to: range.to };
  const delivered = (await docs.list<OrderDoc>('order', shopId)).filter((o) => inRange(o.deliveredDate, window));
  const refundedOrders = delivered.filter((o) => o.refunded).length;
  return {
    shopId,
    ...range,
    byStatus: { ...zeros(REFUND_STATUSES), ...countBy(requested, (r) => r.status) },
    pending: refunds
      .filter((r) => r.status === 'REQUESTED' || r.status === 'RETURN_RECEIVED')
      .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt))
      .map((r) => ({ ...r, awaiting: r.status === 'REQUESTED' ? 'DECISION' : 'REFUND' })),
    totals: figures((d) => inRange(d, range)),
    days: datesIn(range).map((date) => ({ date, ...figures((d) => d === date) })),
    months: monthsIn(range).map((month) => ({ month, ...figures((d) => d !== null && d.startsWith(month)) })),
    returnRate: {
      ...window,
      deliveredOrders: delivered.length,
      refundedOrders,
      rate: delivered.length ? refundedOrders / delivered.length : 0,
    },
  };
}

/** The product list with status, stock and reason, and counts per status. */
export async function products(docs: DocStore, shopId: string, status?: string) {
  const all = await docs.list<ProductDoc>('product', shopId);
  return {
    shopId,
    counts: { ...zeros(PRODUCT_STATUSES), ...countBy(all, (p) => p.status) },
    products: status ? all.filter((p) => p.status === status) : all,
  };
}

/** Every campaign with its windows, where it stands at `asOf`, participants and campaign sales. */
export async function campaigns(docs: DocStore, asOf: string) {
  return (await docs.list<CampaignDoc>('campaign', '*')).map((c) => ({
    ...c,
    state:
      asOf < c.registrationStartsAt
        ? 'ANNOUNCED'
        : asOf < c.startsAt
          ? asOf < c.registrationEndsAt
            ? 'REGISTRATION_OPEN'
            : 'UPCOMING'
          : asOf < c.endsAt
            ? 'ONGOING'
            : 'ENDED',
  }));
}

function countBy<T>(list: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of list) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
