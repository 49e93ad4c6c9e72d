import type { EventOf, EventType } from '@sce/domain';
import type { StoredEvent } from '@sce/event-store';
import type { CampaignDoc, DayDoc, DocKey, MonthDoc, OrderDoc, ProductDoc, RefundDoc, SeenDoc, ShopDoc } from './docs';
import { keysFor } from './keys';
import { localDate } from './local-time';

/** The documents an event may read and write; the runner loads them (`keysFor`) before applying. */
export interface DocView {
  get<T>(key: DocKey): T | undefined;
  put(key: DocKey, doc: unknown): void;
}

const emptyDay = (date: string): DayDoc => ({
  date,
  visitors: 0,
  orders: 0,
  itemsSold: 0,
  gmv: 0,
  refunds: 0,
  liveSessions: 0,
});

/**
 * Applies one event to the read models: a pure function of the event and the documents it names.
 * Money stays in integers; days are local to the shop's time zone, by business time.
 */
export function applyEvent(event: StoredEvent, docs: DocView): void {
  const zoneOf = (shopId: string) => docs.get<ShopDoc>({ model: 'shop', shopId, id: shopId })?.timeZone ?? 'UTC';
  const [first, second, third, fourth] = keysFor(event, zoneOf);
  const at = event.metadata.occurredAt;
  const by = event.metadata.actor.role;
  const e = { type: event.type, data: event.data } as { [T in EventType]: EventOf<T> }[EventType];
  const update = <T>(key: DocKey | undefined, change: (doc: T) => T, initial?: T) => {
    if (!key) return;
    const doc = docs.get<T>(key) ?? initial;
    if (doc !== undefined) docs.put(key, change(doc));
  };
  const history = (doc: OrderDoc): OrderDoc => ({
    ...doc,
    history: [...doc.history, { type: event.type, at, by, position: event.position }],
  });
  const day = (change: (d: DayDoc) => DayDoc) => update<DayDoc>(first, change, emptyDay(first?.id ?? ''));

  switch (e.type) {
    case 'ShopRegistered': {
      const { shopId, name, timeZone, currency } = e.data;
      return docs.put(first!, { shopId, name, timeZone, currency } satisfies ShopDoc);
    }
    case 'VisitRecorded': {
      const visitorId = e.data.visitorId;
      const firstTime = (key: DocKey, period: string) => {
        if (docs.get<SeenDoc>(key)) return false;
        docs.put(key, { period, visitorId } satisfies SeenDoc);
        return true;
      };
      if (firstTime(third!, first!.id)) day((d) => ({ ...d, visitors: d.visitors + 1 }));
      if (firstTime(fourth!, second!.id)) {
        update<MonthDoc>(second, (m) => ({ ...m, visitors: m.visitors + 1 }), { month: second!.id, visitors: 0 });
      }
      return;
    }
    case 'LiveSessionStarted':
      return day((d) => ({ ...d, liveSessions: d.liveSessions + 1 }));
    case 'OrderPlaced': {
      const p = e.data;
      const units = p.lines.reduce((n, l) => n + l.quantity, 0);
      day((d) => ({ ...d, orders: d.orders + 1, itemsSold: d.itemsSold + units, gmv: d.gmv + p.itemsTotal }));
      const lines = p.lines.map(({ productId, title, quantity, unitPrice, lineTotal, campaignId }) => ({
        productId,
        title,
        quantity,
        unitPrice,
        lineTotal,
        campaignId,
      }));
      const order: OrderDoc = {
        orderId: p.orderId,
        status: 'AWAITING_SHIPMENT',
        buyerId: p.buyerId,
        channel: p.channel,
        placedAt: at,
        placedDate: first!.id,
        deliveredAt: null,
        deliveredDate: null,
        lines,
        itemsTotal: p.itemsTotal,
        shippingFee: p.shippingFee,
        total: p.total,
        currency: p.currency,
        refunded: false,
        history: [],
      };
      docs.put(second!, history(order));
      for (const key of keysFor(event, zoneOf).slice(2)) {
        const sold = p.lines.filter((l) => l.campaignId === key.id);
        update<CampaignDoc>(key, (c) => ({
          ...c,
          sales: {
            orders: c.sales.orders + 1,
            units: c.sales.units + sold.reduce((n, l) => n + l.quantity, 0),
            gmv: c.sales.gmv + sold.reduce((n, l) => n + l.lineTotal, 0),
          },
        }));
      }
      return;
    }
    case 'OrderCancelled':
      return update<OrderDoc>(first, (o) => history({ ...o, status: 'CANCELLED' }));
    case 'OrderShipped':
      return update<OrderDoc>(first, (o) => history({ ...o, status: 'SHIPPED' }));
    case 'OrderDelivered': {
      const deliveredAt = e.data.deliveredAt;
      return update<OrderDoc>(first, (o) =>
        history({
          ...o,
          status: 'DELIVERED',
          deliveredAt,
          deliveredDate: localDate(deliveredAt, zoneOf(e.data.shopId)),
        }),
      );
    }
    case 'OrderCompleted':
      return update<OrderDoc>(first, (o) => history({ ...o, status: 'COMPLETED' }));
    case 'RefundRequested': {
      const r = e.data;
      const refund: RefundDoc = {
        refundId: r.refundId,
        orderId: r.orderId,
        refundType: r.refundType,
        status: 'REQUESTED',
        amount: r.amount,
        units: r.lines.reduce((n, l) => n + l.quantity, 0),
        requestedAt: at,
        requestedDate: localDate(at, zoneOf(r.shopId)),
        receivedDate: null,
        issuedDate: null,
        reason: r.reason,
      };
      docs.put(first!, refund);
      return update<OrderDoc>(second, history);
    }
    case 'RefundApproved':
    case 'RefundRejected':
    case 'ReturnReceived': {
      const status = { RefundApproved: 'APPROVED', RefundRejected: 'REJECTED', ReturnReceived: 'RETURN_RECEIVED' }[
        e.type
      ];
      const received = e.type === 'ReturnReceived' ? localDate(at, zoneOf(e.data.shopId)) : undefined;
      update<RefundDoc>(first, (r) => ({ ...r, status, receivedDate: received ?? r.receivedDate }));
      return update<OrderDoc>(second, history);
    }
    case 'RefundIssued': {
      const issued = e.data;
      update<RefundDoc>(first, (r) => ({ ...r, status: 'REFUNDED', issuedDate: third!.id }));
      update<OrderDoc>(second, (o) => history({ ...o, refunded: true }));
      return update<DayDoc>(third, (d) => ({ ...d, refunds: d.refunds + issued.amount }), emptyDay(third!.id));
    }
    case 'ProductListed': {
      const { productId, title, price, stock } = e.data;
      return docs.put(first!, {
        productId,
        title,
        price,
        stock,
        status: 'PENDING_REVIEW',
        reason: null,
      } satisfies ProductDoc);
    }
    case 'ProductApproved':
    case 'ProductReinstated':
    case 'ProductActivated':
      return update<ProductDoc>(first, (p) => ({ ...p, status: 'ACTIVE', reason: null }));
    case 'ProductIssueFlagged':
      return update<ProductDoc>(first, (p) => ({ ...p, status: 'ISSUES', reason: e.data.reason }));
    case 'ProductIssueResolved':
      return update<ProductDoc>(first, (p) => ({ ...p, status: 'PENDING_REVIEW', reason: null }));
    case 'ProductSuspended':
      return update<ProductDoc>(first, (p) => ({ ...p, status: 'SUSPENDED', reason: e.data.reason }));
    case 'ProductDeactivated':
      return update<ProductDoc>(first, (p) => ({ ...p, status: 'INACTIVE', reason: null }));
    case 'StockAdjusted':
      return update<ProductDoc>(first, (p) => ({ ...p, stock: p.stock + e.data.delta }));
    case 'StockReserved':
      return update<ProductDoc>(first, (p) => ({ ...p, stock: p.stock - e.data.quantity }));
    case 'StockReleased':
      return update<ProductDoc>(first, (p) => ({ ...p, stock: p.stock + e.data.quantity }));
    case 'PriceChanged':
      return update<ProductDoc>(first, (p) => ({ ...p, price: e.data.price }));
    case 'CampaignCreated': {
      const { campaignId, name, registrationStartsAt, registrationEndsAt, startsAt, endsAt, minimumDiscountPercent } =
        e.data;
      const doc: CampaignDoc = {
        campaignId,
        name,
        registrationStartsAt,
        registrationEndsAt,
        startsAt,
        endsAt,
        minimumDiscountPercent,
        participants: {},
        sales: { orders: 0, units: 0, gmv: 0 },
      };
      return docs.put(first!, doc);
    }
    case 'CampaignJoined': {
      const { shopId, products } = e.data;
      return update<CampaignDoc>(first, (c) => ({
        ...c,
        participants: { ...c.participants, [shopId]: [...(c.participants[shopId] ?? []), ...products] },
      }));
    }
    case 'CampaignWithdrawn': {
      const { shopId, productIds } = e.data;
      return update<CampaignDoc>(first, (c) => {
        const left = (c.participants[shopId] ?? []).filter((p) => !productIds.includes(p.productId));
        const { [shopId]: _gone, ...others } = c.participants;
        return { ...c, participants: left.length ? { ...others, [shopId]: left } : others };
      });
    }
    default:
      return;
  }
}
