import { listCampaigns } from '../campaigns/campaigns.query';
import type { CampaignDoc } from '../campaigns/campaign.projection';
import type { DocStore } from '../doc-store';
import { datesIn, monthsIn, type Range } from '../range';
import { emptyDay, type DayDoc } from './days.projection';
import { monthKey, type MonthDoc } from './months.projection';
import type { SeenDoc } from './seen';

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
  const days = datesIn(range).map((date) => byDate.get(date) ?? emptyDay(date));
  const months = await Promise.all(
    monthsIn(range).map(async (month) => {
      const all = [...byDate.values()].filter((d) => d.date.startsWith(month));
      const visitors = (await docs.get<MonthDoc>(monthKey(shopId, month)))?.visitors ?? 0;
      return { month, visitors, ...sum(all) };
    }),
  );
  const campaigns = await listCampaigns(docs);
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
