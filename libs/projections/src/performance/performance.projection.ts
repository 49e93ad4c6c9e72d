import { SHIPPING_OVERDUE } from '@sce/domain';
import type { DocKey } from '../doc-key';
import { localDate } from '../local-time';
import { projection, type Projected, type ShopContext } from '../projection';

/** Requests answered on a day that were made on one local day: how many, and the time counted for them. */
export interface Answered {
  requests: number;
  /** Milliseconds from request to answer, summed (integers: no float drift). */
  ms: number;
}

/**
 * What the seller's performance needs of one local day. Figures of a later outcome (a cancellation,
 * an answer) are kept on the day it happened, by the local day of what it answers (`placedDate`,
 * `requestDate`), since that day's document is not known from the event.
 */
export interface PerformanceDayDoc {
  date: string;
  /** Orders placed that day. */
  placed: number;
  /** Orders whose last unit shipped that day, and of them those marked `shippedLate`. */
  shipped: number;
  shippedLate: number;
  /** `SHIPPING_OVERDUE` cancellations that day. */
  autoCancelled: number;
  /** Cancellations by the seller or `SHIPPING_OVERDUE` that day, by the local day the order was placed. */
  sellerCancelled: Record<string, number>;
  /** Requests answered that day (SELLER, or SYSTEM at the deadline), by the local day they were made. */
  answered: Record<string, Answered>;
}

/** An order as the performance remembers it: the local day it was placed. */
export interface PerformanceOrderDoc {
  placedDate: string;
}

/** A refund or cancellation request: when it was made, its deadline, and whether it was answered yet. */
export interface PerformanceRequestDoc {
  requestDate: string;
  requestedAt: string;
  /** Absent from refunds requested before deadlines existed. */
  respondBy: string | null;
  answered: boolean;
}

export const performanceDayKey = (shopId: string, date: string): DocKey => ({
  model: 'performance-day',
  shopId,
  id: date,
});
const orderKey = (shopId: string, orderId: string): DocKey => ({ model: 'performance-order', shopId, id: orderId });
const requestKey = (shopId: string, kind: 'refund' | 'cancellation', orderId: string, id: string): DocKey => ({
  model: 'performance-request',
  shopId,
  id: `${kind}:${orderId}:${id}`,
});

export const emptyPerformanceDay = (date: string): PerformanceDayDoc => ({
  date,
  placed: 0,
  shipped: 0,
  shippedLate: 0,
  autoCancelled: 0,
  sellerCancelled: {},
  answered: {},
});

const handles = [
  'OrderPlaced',
  'OrderShipped',
  'OrderCancelled',
  'CancellationRequested',
  'CancellationApproved',
  'CancellationRejected',
  'RefundRequested',
  'RefundApproved',
  'RefundRejected',
] as const;
type Handled = Projected<(typeof handles)[number]>;

type Docs = { day: PerformanceDayDoc; order: PerformanceOrderDoc; request: PerformanceRequestDoc };

const dateOf = (at: string, shop: ShopContext) => localDate(at, shop.timeZone);

function requestOf(event: Handled): DocKey | undefined {
  const { shopId, orderId } = event.data;
  if ('cancellationId' in event.data) return requestKey(shopId, 'cancellation', orderId, event.data.cancellationId);
  if ('refundId' in event.data) return requestKey(shopId, 'refund', orderId, event.data.refundId);
  return undefined;
}

/**
 * The time an answer counts for, or null when it is left out: a SELLER answer its real time, a
 * SYSTEM approval at the deadline the full deadline; the platform's answers and the approvals
 * under the auto-approve limit (SYSTEM, at the request, before the deadline) are not the seller's.
 */
export function countedMs(request: PerformanceRequestDoc, at: string, by: string): number | null {
  const requested = Date.parse(request.requestedAt);
  if (by === 'SELLER') return Date.parse(at) - requested;
  if (by === 'SYSTEM' && request.respondBy && Date.parse(at) >= Date.parse(request.respondBy))
    return Date.parse(request.respondBy) - requested;
  return null;
}

function answer(docs: Partial<Docs>, day: PerformanceDayDoc, at: string, by: string): Partial<Docs> {
  const { request } = docs;
  // A refund rejected after its approval (a return never sent back) answers nothing more.
  if (!request || request.answered) return {};
  const answeredRequest = { ...request, answered: true };
  const ms = countedMs(request, at, by);
  if (ms === null) return { request: answeredRequest };
  const before = day.answered[request.requestDate] ?? { requests: 0, ms: 0 };
  const answered = { ...day.answered, [request.requestDate]: { requests: before.requests + 1, ms: before.ms + ms } };
  return { request: answeredRequest, day: { ...day, answered } };
}

function cancelled(docs: Partial<Docs>, day: PerformanceDayDoc, event: Projected<'OrderCancelled'>): Partial<Docs> {
  const overdue = event.data.reason === SHIPPING_OVERDUE;
  const bySeller = overdue || event.data.cancelledBy === 'SELLER';
  const placedDate = docs.order?.placedDate;
  if (!bySeller) return {};
  const autoCancelled = day.autoCancelled + (overdue ? 1 : 0);
  // An order this projection never saw placed counts on no placement day, but its auto-cancel still counts.
  if (!placedDate) return { day: { ...day, autoCancelled } };
  const sellerCancelled = { ...day.sellerCancelled, [placedDate]: (day.sellerCancelled[placedDate] ?? 0) + 1 };
  return { day: { ...day, sellerCancelled, autoCancelled } };
}

/** The seller's performance figures per local day: shipments, cancellations and answers to requests. */
export const performanceProjection = projection<Docs, (typeof handles)[number]>({
  name: 'performance',
  models: ['performance-day', 'performance-order', 'performance-request'],
  version: 1,
  handles,
  documents: (event, shop) => {
    const { shopId } = event.data;
    const day = performanceDayKey(shopId, dateOf(event.metadata.occurredAt, shop));
    switch (event.type) {
      case 'OrderPlaced':
      case 'OrderCancelled':
        return [{ day, order: orderKey(shopId, event.data.orderId) }];
      case 'OrderShipped':
        return [{ day }];
      case 'CancellationRequested':
      case 'RefundRequested':
        return [{ request: requestOf(event) }];
      default:
        return [{ day, request: requestOf(event) }];
    }
  },
  evolve: (docs, event, shop) => {
    const at = event.metadata.occurredAt;
    const day = docs.day ?? emptyPerformanceDay(dateOf(at, shop));
    switch (event.type) {
      case 'OrderPlaced':
        return { day: { ...day, placed: day.placed + 1 }, order: { placedDate: day.date } };
      case 'OrderShipped': {
        const late = event.data.shippedLate ? 1 : 0;
        return { day: { ...day, shipped: day.shipped + 1, shippedLate: day.shippedLate + late } };
      }
      case 'OrderCancelled':
        return cancelled(docs, day, event);
      case 'CancellationRequested': {
        const { requestedAt, respondBy } = event.data;
        return { request: { requestDate: dateOf(requestedAt, shop), requestedAt, respondBy, answered: false } };
      }
      case 'RefundRequested': {
        const respondBy = event.data.respondBy ?? null;
        return { request: { requestDate: dateOf(at, shop), requestedAt: at, respondBy, answered: false } };
      }
      case 'CancellationApproved':
        return answer(docs, day, at, event.data.approvedBy);
      case 'CancellationRejected':
        return answer(docs, day, at, event.data.rejectedBy);
      case 'RefundApproved':
        return answer(docs, day, at, event.data.approvedBy);
      case 'RefundRejected':
        return answer(docs, day, at, event.data.rejectedBy);
    }
  },
});
