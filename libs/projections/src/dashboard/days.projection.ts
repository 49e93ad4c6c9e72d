import type { DocKey } from '../doc-key';
import { localDate } from '../local-time';
import { projection, type Projected, type ShopContext } from '../projection';
import { firstVisit, seenKey, type SeenDoc } from './seen';

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

export const dayKey = (shopId: string, date: string): DocKey => ({ model: 'day', shopId, id: date });

export const emptyDay = (date: string): DayDoc => ({
  date,
  visitors: 0,
  orders: 0,
  itemsSold: 0,
  gmv: 0,
  refunds: 0,
  liveSessions: 0,
});

const handles = ['VisitRecorded', 'LiveSessionStarted', 'OrderPlaced', 'RefundIssued'] as const;

const dateOf = (event: Projected, shop: ShopContext) => localDate(event.metadata.occurredAt, shop.timeZone);

/** The shop's figures per local day (by business time in its zone): money in minor units. */
export const dashboardDays = projection<{ day: DayDoc; seen: SeenDoc }, (typeof handles)[number]>({
  name: 'dashboard-days',
  version: 1,
  handles,
  documents: (event, shop) => {
    const date = dateOf(event, shop);
    const day = dayKey(event.data.shopId, date);
    if (event.type !== 'VisitRecorded') return [{ day }];
    return [{ day, seen: seenKey(event.data.shopId, date, event.data.visitorId) }];
  },
  evolve: ({ day: stored, seen }, event, shop) => {
    const day = stored ?? emptyDay(dateOf(event, shop));
    switch (event.type) {
      case 'VisitRecorded': {
        const first = firstVisit(seen, day.date, event.data.visitorId);
        return first ? { seen: first, day: { ...day, visitors: day.visitors + 1 } } : {};
      }
      case 'LiveSessionStarted':
        return { day: { ...day, liveSessions: day.liveSessions + 1 } };
      case 'OrderPlaced': {
        const units = event.data.lines.reduce((n, l) => n + l.quantity, 0);
        const { itemsTotal } = event.data;
        return { day: { ...day, orders: day.orders + 1, itemsSold: day.itemsSold + units, gmv: day.gmv + itemsTotal } };
      }
      case 'RefundIssued':
        return { day: { ...day, refunds: day.refunds + event.data.amount } };
    }
  },
});
