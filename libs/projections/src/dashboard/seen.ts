import type { DocKey } from '../doc-key';

/** A visitor seen in a period: id `d:YYYY-MM-DD:visitor` or `m:YYYY-MM:visitor`. */
export interface SeenDoc {
  period: string;
  visitorId: string;
}

export const seenKey = (shopId: string, period: string, visitorId: string): DocKey => ({
  model: 'seen',
  shopId,
  id: `${period.length === 10 ? 'd' : 'm'}:${period}:${visitorId}`,
});

/** The first visit of `visitorId` in the period: the seen document to write, or undefined if seen already. */
export const firstVisit = (seen: SeenDoc | undefined, period: string, visitorId: string): SeenDoc | undefined =>
  seen ? undefined : { period, visitorId };
