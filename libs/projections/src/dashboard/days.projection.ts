import type { DocKey } from '../doc-key';
import { localDate } from '../local-time';
import { projection, type Projected, type ShopContext } from '../projection';
import { buyerSeenKey, firstVisit, seenKey, type SeenDoc } from './seen';

export const CHANNELS = ['LIVE', 'VIDEO', 'PRODUCT_CARD'] as const;
export const INITIATORS = ['BUYER', 'SELLER', 'SYSTEM'] as const;
export type ByChannel = Record<(typeof CHANNELS)[number], number>;
export type ByInitiator = Record<(typeof INITIATORS)[number], number>;

export interface DayDoc {
  date: string;
  /** Distinct visitors that day; who they were is in the `seen` documents. */
  visitors: number;
  /** Distinct buyers with an order placed that day; who they were is in the `buyer` documents. */
  buyers: number;
  orders: number;
  itemsSold: number;
  gmv: number;
  gmvByChannel: ByChannel;
  refunds: number;
  liveSessions: number;
  /** Orders cancelled that day, by who cancelled (an approved request is the buyer's). */
  cancellations: ByInitiator;
}

export const dayKey = (shopId: string, date: string): DocKey => ({ model: 'day', shopId, id: date });

export const noChannels = (): ByChannel => ({ LIVE: 0, VIDEO: 0, PRODUCT_CARD: 0 });
export const noCancellations = (): ByInitiator => ({ BUYER: 0, SELLER: 0, SYSTEM: 0 });

export const emptyDay = (date: string): DayDoc => ({
  date,
  visitors: 0,
  buyers: 0,
  orders: 0,
  itemsSold: 0,
  gmv: 0,
  gmvByChannel: noChannels(),
  refunds: 0,
  liveSessions: 0,
  cancellations: noCancellations(),
});

const handles = ['VisitRecorded', 'LiveSessionStarted', 'OrderPlaced', 'OrderCancelled', 'RefundIssued'] as const;

const dateOf = (event: Projected, shop: ShopContext) => localDate(event.metadata.occurredAt, shop.timeZone);

/** The shop's figures per local day (by business time in its zone): money in minor units. */
export const dashboardDays = projection<{ day: DayDoc; seen: SeenDoc; buyer: SeenDoc }, (typeof handles)[number]>({
  name: 'dashboard-days',
  version: 2,
  models: ['day', 'seen', 'buyer'],
  handles,
  documents: (event, shop) => {
    const date = dateOf(event, shop);
    const day = dayKey(event.data.shopId, date);
    if (event.type === 'VisitRecorded') return [{ day, seen: seenKey(event.data.shopId, date, event.data.visitorId) }];
    if (event.type === 'OrderPlaced')
      return [{ day, buyer: buyerSeenKey(event.data.shopId, date, event.data.buyerId) }];
    return [{ day }];
  },
  evolve: ({ day: stored, seen, buyer }, event, shop) => {
    const day = stored ?? emptyDay(dateOf(event, shop));
    switch (event.type) {
      case 'VisitRecorded': {
        const first = firstVisit(seen, day.date, event.data.visitorId);
        return first ? { seen: first, day: { ...day, visitors: day.visitors + 1 } } : {};
      }
      case 'LiveSessionStarted':
        return { day: { ...day, liveSessions: day.liveSessions + 1 } };
      case 'OrderPlaced': {
        const { lines, itemsTotal, channel, buyerId } = event.data;
        const units = lines.reduce((n, l) => n + l.quantity, 0);
        const firstOrder = firstVisit(buyer, day.date, buyerId);
        const gmvByChannel = { ...day.gmvByChannel, [channel]: day.gmvByChannel[channel] + itemsTotal };
        const placedDay = {
          ...day,
          buyers: day.buyers + (firstOrder ? 1 : 0),
          orders: day.orders + 1,
          itemsSold: day.itemsSold + units,
          gmv: day.gmv + itemsTotal,
          gmvByChannel,
        };
        return firstOrder ? { day: placedDay, buyer: firstOrder } : { day: placedDay };
      }
      case 'OrderCancelled': {
        const by = event.data.cancelledBy;
        if (!(INITIATORS as readonly string[]).includes(by)) return {};
        const initiator = by as keyof ByInitiator;
        return {
          day: { ...day, cancellations: { ...day.cancellations, [initiator]: day.cancellations[initiator] + 1 } },
        };
      }
      case 'RefundIssued':
        return { day: { ...day, refunds: day.refunds + event.data.amount } };
    }
  },
});
