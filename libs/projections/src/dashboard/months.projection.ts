import type { DocKey } from '../doc-key';
import { localDate } from '../local-time';
import { projection, type Projected, type ShopContext } from '../projection';
import { buyerSeenKey, firstVisit, seenKey, type SeenDoc } from './seen';

/** What a month holds beyond the sum of its days: visitors and buyers distinct over the month. */
export interface MonthDoc {
  month: string;
  visitors: number;
  buyers: number;
}

export const monthKey = (shopId: string, month: string): DocKey => ({ model: 'month', shopId, id: month });

const monthOf = (event: Projected, shop: ShopContext) =>
  localDate(event.metadata.occurredAt, shop.timeZone).slice(0, 7);

const handles = ['VisitRecorded', 'OrderPlaced'] as const;

/** Distinct visitors and buyers per local calendar month of the shop. */
export const dashboardMonths = projection<{ month: MonthDoc; seen: SeenDoc }, (typeof handles)[number]>({
  name: 'dashboard-months',
  version: 2,
  models: ['month', 'seen', 'buyer'],
  handles,
  documents: (event, shop) => {
    const month = monthOf(event, shop);
    const { shopId } = event.data;
    const seen =
      event.type === 'VisitRecorded'
        ? seenKey(shopId, month, event.data.visitorId)
        : buyerSeenKey(shopId, month, event.data.buyerId);
    return [{ month: monthKey(shopId, month), seen }];
  },
  evolve: ({ month: stored, seen }, event, shop) => {
    const month = stored ?? { month: monthOf(event, shop), visitors: 0, buyers: 0 };
    const who = event.type === 'VisitRecorded' ? event.data.visitorId : event.data.buyerId;
    const first = firstVisit(seen, month.month, who);
    if (!first) return {};
    const counted = event.type === 'VisitRecorded' ? { visitors: month.visitors + 1 } : { buyers: month.buyers + 1 };
    return { seen: first, month: { ...month, ...counted } };
  },
});
