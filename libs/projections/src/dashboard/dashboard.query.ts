import { listCampaigns } from '../campaigns/campaigns.query';
import type { CampaignDoc } from '../campaigns/campaign.projection';
import type { DocStore } from '../doc-store';
import { addDays } from '../local-time';
import { sellerPerformance } from '../performance/performance.query';
import { datesIn, monthsIn, wholeMonths, type Range } from '../range';
import { CHANNELS, emptyDay, INITIATORS, type ByChannel, type ByInitiator, type DayDoc } from './days.projection';
import { monthKey, type MonthDoc } from './months.projection';

type Summed = Pick<DayDoc, 'orders' | 'itemsSold' | 'gmv' | 'refunds' | 'liveSessions'> & {
  gmvByChannel: ByChannel;
  cancellations: ByInitiator;
};

const total = (days: DayDoc[], figure: (d: DayDoc) => number) => days.reduce((n, d) => n + figure(d), 0);
const byKey = <K extends string>(keys: readonly K[], days: DayDoc[], figure: (d: DayDoc, key: K) => number) =>
  Object.fromEntries(keys.map((k) => [k, total(days, (d) => figure(d, k))])) as Record<K, number>;

const sum = (days: DayDoc[]): Summed => ({
  orders: total(days, (d) => d.orders),
  itemsSold: total(days, (d) => d.itemsSold),
  gmv: total(days, (d) => d.gmv),
  refunds: total(days, (d) => d.refunds),
  liveSessions: total(days, (d) => d.liveSessions),
  gmvByChannel: byKey(CHANNELS, days, (d, k) => d.gmvByChannel[k]),
  cancellations: byKey(INITIATORS, days, (d, k) => d.cancellations[k]),
});

/** gmv ÷ orders in minor units, half up (integers only: no float rounding); null with no orders. */
export function avgOrderValue(gmv: number, orders: number): number | null {
  return orders ? Math.floor((2 * gmv + orders) / (2 * orders)) : null;
}

/** buyers ÷ visitors (the platform's definition, not capped at 1); null with no visitors. */
export const conversionRate = (buyers: number, visitors: number): number | null =>
  visitors ? buyers / visitors : null;

/** A period's figures in the answer's order: who came, what sold, and the ratios of the two. */
function figures(visitors: number, buyers: number, summed: Summed) {
  const { gmvByChannel, cancellations, ...counts } = summed;
  return {
    visitors,
    buyers,
    ...counts,
    conversionRate: conversionRate(buyers, visitors),
    avgOrderValue: avgOrderValue(summed.gmv, summed.orders),
    gmvByChannel,
    cancellations,
  };
}

/** Days stored before these figures existed (an engine not yet rebuilt) read as zeros for them. */
const withDefaults = (day: DayDoc): DayDoc => ({ ...emptyDay(day.date), ...day });

/** The period before `range`, as long as it: `[from − L, from)`. */
export function previousPeriod({ from, to }: Range): Range {
  return { from: addDays(from, -datesIn({ from, to }).length), to: from };
}

/** A period's totals (visitors and buyers distinct over it) from the shop's days. */
async function totalsOf(docs: DocStore, shopId: string, range: Range, byDate: Map<string, DayDoc>) {
  const days = datesIn(range).map((date) => byDate.get(date) ?? emptyDay(date));
  const [visitors, buyers] = await Promise.all([
    distinct(docs, 'seen', shopId, range),
    distinct(docs, 'buyer', shopId, range),
  ]);
  return figures(visitors, buyers, sum(days));
}

/** What `compare=previous` adds: the previous period's totals, and the seller performance as of its end (`from`). */
async function previous(docs: DocStore, shopId: string, range: Range, byDate: Map<string, DayDoc>) {
  const period = previousPeriod(range);
  const [totals, performance] = await Promise.all([
    totalsOf(docs, shopId, period, byDate),
    sellerPerformance(docs, shopId, period.to),
  ]);
  return { ...period, totals, performance };
}

export type Compare = 'previous';

/**
 * The days the answer reads: the whole months the range touches (their figures sum all their days),
 * and the previous period when compared. Day ids are their dates, so this is one id range.
 */
function daysRead(range: Range, compare?: Compare): Range {
  const { from, to } = wholeMonths(range);
  const earliest = compare === 'previous' ? previousPeriod(range).from : from;
  return { from: earliest < from ? earliest : from, to };
}

/**
 * The seller's home page: per local day in the range, per calendar month the range touches (whole
 * months: sums of their days, visitors and buyers distinct in the month), totals over the range
 * (visitors and buyers distinct over the range), the seller performance over the 30 days before
 * `to`, and the campaigns ongoing and upcoming at `asOf`. With `compare: 'previous'`, the same
 * totals and performance for the period of the same length just before (`previous`).
 */
export async function dashboard(docs: DocStore, shopId: string, range: Range, asOf: string, compare?: Compare) {
  const read = daysRead(range, compare);
  const stored = await docs.listRange<DayDoc>('day', shopId, read.from, read.to);
  const byDate = new Map(stored.map((d) => [d.date, withDefaults(d)]));
  const days = datesIn(range).map((date) => byDate.get(date) ?? emptyDay(date));
  const months = await Promise.all(
    monthsIn(range).map(async (month) => {
      const all = [...byDate.values()].filter((d) => d.date.startsWith(month));
      const doc = await docs.get<MonthDoc>(monthKey(shopId, month));
      return { month, ...figures(doc?.visitors ?? 0, doc?.buyers ?? 0, sum(all)) };
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
    days: days.map((d) => ({ date: d.date, ...figures(d.visitors, d.buyers, sum([d])) })),
    months,
    totals: await totalsOf(docs, shopId, range, byDate),
    performance: await sellerPerformance(docs, shopId, range.to),
    campaigns: {
      asOf,
      ongoing: campaigns.filter((c) => c.startsAt <= asOf && asOf < c.endsAt).map(mine),
      upcoming: campaigns.filter((c) => asOf < c.startsAt).map(mine),
    },
    ...(compare === 'previous' ? { previous: await previous(docs, shopId, range, byDate) } : {}),
  };
}

/** Distinct visitors (or buyers) over several days: who the day-level ids (`d:<date>:<who>`) of the range name. */
function distinct(docs: DocStore, model: 'seen' | 'buyer', shopId: string, { from, to }: Range) {
  return docs.countDistinct(model, shopId, `d:${from}:`, `d:${to}:`, `d:${from}:`.length);
}
