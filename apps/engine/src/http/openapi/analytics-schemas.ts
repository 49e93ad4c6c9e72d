import { date, instant, int, list, money, nullable, num, obj, str, type Schema } from './schema-kit';

/** The seller performance over the 30 local days before `to`, in the dashboard and on its own route. */
export const performance = obj({
  from: { ...date, description: 'the window’s first local date: 30 days before to' },
  to: { ...date, description: 'the local date the window ends before (exclusive)' },
  lateShipmentRate: {
    ...nullable(num),
    description: 'of the orders whose last unit shipped in the window, the share shipped late; null with none',
  },
  autoCancelled: { ...int, description: 'SHIPPING_OVERDUE cancellations in the window' },
  sellerCancellationRate: {
    ...nullable(num),
    description:
      'of the orders placed in the window, the share cancelled by the seller or SHIPPING_OVERDUE (whenever cancelled); null with none',
  },
  avgResponseHours: {
    ...nullable(num),
    description:
      'hours from request to answer over the refund and cancellation requests made in the window and answered: a seller answer its real time, a system approval at the deadline the full deadline, platform answers and approvals under the auto-approve limit left out; null with none',
  },
});

/** The period before the queried one (compare=previous): its totals, of the figures the dashboard gives, and its performance. */
export const previousPeriod = (figures: Record<string, Schema>) =>
  obj({ from: date, to: date, totals: obj(figures), performance });

export const ANALYTICS_SCHEMAS: Record<string, Schema> = {
  Performance: performance,
  LiveSessions: obj({
    shopId: str,
    from: date,
    to: date,
    sessions: list(
      obj({
        sessionId: str,
        title: nullable(str),
        startedAt: instant,
        endedAt: { ...nullable(instant), description: 'null while the session is live' },
        orders: { ...int, description: 'orders of channel LIVE placed with startedAt ≤ placedAt < endedAt' },
        units: int,
        gmv: money,
      }),
    ),
  }),
};
