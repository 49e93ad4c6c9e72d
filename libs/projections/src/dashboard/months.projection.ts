import type { DocKey } from '../doc-key';
import { localDate } from '../local-time';
import { projection, type Projected, type ShopContext } from '../projection';
import { firstVisit, seenKey, type SeenDoc } from './seen';

/** What a month holds beyond the sum of its days: visitors distinct over the month. */
export interface MonthDoc {
  month: string;
  visitors: number;
}

export const monthKey = (shopId: string, month: string): DocKey => ({ model: 'month', shopId, id: month });

const monthOf = (event: Projected, shop: ShopContext) =>
  localDate(event.metadata.occurredAt, shop.timeZone).slice(0, 7);

const handles = ['VisitRecorded'] as const;

/** Distinct visitors per local calendar month of the shop. */
export const dashboardMonths = projection<{ month: MonthDoc; seen: SeenDoc }, (typeof handles)[number]>({
  name: 'dashboard-months',
  version: 1,
  handles,
  documents: (event, shop) => {
    const { shopId, visitorId } = event.data;
    const month = monthOf(event, shop);
    return [{ month: monthKey(shopId, month), seen: seenKey(shopId, month, visitorId) }];
  },
  evolve: ({ month: stored, seen }, event, shop) => {
    const month = stored ?? { month: monthOf(event, shop), visitors: 0 };
    const first = firstVisit(seen, month.month, event.data.visitorId);
    return first ? { seen: first, month: { ...month, visitors: month.visitors + 1 } } : {};
  },
});
