import type { DocStore } from '../doc-store';
import { addDays } from '../local-time';
import { emptyPerformanceDay, type PerformanceDayDoc } from './performance.projection';

/** The seller performance's window: the 30 local days before `to`. */
export const PERFORMANCE_DAYS = 30;

// Above every local date: the days from the window's start to the shop's last.
const END_OF_DAYS = '9999';

const share = (part: number, whole: number) => (whole ? part / whole : null);
const inWindow = (date: string, from: string, to: string) => from <= date && date < to;

function outcomesFor(days: PerformanceDayDoc[], from: string, to: string) {
  let sellerCancelled = 0;
  let answered = 0;
  let ms = 0;
  for (const day of days) {
    for (const [placedDate, n] of Object.entries(day.sellerCancelled))
      if (inWindow(placedDate, from, to)) sellerCancelled += n;
    for (const [requestDate, a] of Object.entries(day.answered))
      if (inWindow(requestDate, from, to)) {
        answered += a.requests;
        ms += a.ms;
      }
  }
  return { sellerCancelled, answered, ms };
}

/**
 * The seller's performance over the 30 local days before `to` (exclusive), as known now: a
 * cancellation or an answer recorded after the window counts for the orders and requests of the
 * window. It reads the days from the window's start to the shop's last performance day (outcomes
 * are kept on the day they happened), never an order.
 * - `lateShipmentRate`: of the orders whose last unit shipped in the window, the share shipped late;
 * - `autoCancelled`: `SHIPPING_OVERDUE` cancellations in the window;
 * - `sellerCancellationRate`: of the orders placed in the window, the share cancelled by the seller
 *   or `SHIPPING_OVERDUE`;
 * - `avgResponseHours`: over the requests made in the window and answered by the seller (or the
 *   system at the deadline), the hours from request to answer.
 * Each ratio is null when there is nothing to divide by.
 */
export async function sellerPerformance(docs: DocStore, shopId: string, to: string) {
  const from = addDays(to, -PERFORMANCE_DAYS);
  const since = (await docs.listRange<PerformanceDayDoc>('performance-day', shopId, from, END_OF_DAYS)).map((d) => ({
    ...emptyPerformanceDay(d.date),
    ...d,
  }));
  const window = since.filter((d) => d.date < to);
  const sum = (figure: (d: PerformanceDayDoc) => number) => window.reduce((n, d) => n + figure(d), 0);
  const { sellerCancelled, answered, ms } = outcomesFor(since, from, to);
  return {
    from,
    to,
    lateShipmentRate: share(
      sum((d) => d.shippedLate),
      sum((d) => d.shipped),
    ),
    autoCancelled: sum((d) => d.autoCancelled),
    sellerCancellationRate: share(
      sellerCancelled,
      sum((d) => d.placed),
    ),
    avgResponseHours: answered ? ms / answered / 3_600_000 : null,
  };
}

export type SellerPerformance = Awaited<ReturnType<typeof sellerPerformance>>;
