import type { DocKey } from '../doc-key';

/**
 * Someone seen in a period: a visitor (model `seen`) or a buyer with an order (model `buyer`), id
 * `d:YYYY-MM-DD:who` or `m:YYYY-MM:who`. Distinct counts over any range are counts of these.
 */
export interface SeenDoc {
  period: string;
  visitorId: string;
}

const periodId = (period: string, who: string) => `${period.length === 10 ? 'd' : 'm'}:${period}:${who}`;

export const seenKey = (shopId: string, period: string, visitorId: string): DocKey => ({
  model: 'seen',
  shopId,
  id: periodId(period, visitorId),
});

export const buyerSeenKey = (shopId: string, period: string, buyerId: string): DocKey => ({
  model: 'buyer',
  shopId,
  id: periodId(period, buyerId),
});

/** The first visit (or order) of `who` in the period: the seen document to write, or undefined if seen already. */
export const firstVisit = (seen: SeenDoc | undefined, period: string, who: string): SeenDoc | undefined =>
  seen ? undefined : { period, visitorId: who };
