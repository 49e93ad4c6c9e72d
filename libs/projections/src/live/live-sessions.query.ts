import { keyOf } from '../doc-key';
import type { DocStore } from '../doc-store';
import type { Range } from '../range';
import {
  liveEndKey,
  minuteOf,
  type LiveEndDoc,
  type LiveMinuteDoc,
  type LiveOrderDoc,
  type LiveSessionDoc,
} from './live.projection';

// Past every minute id: the LIVE orders of a session not ended yet run to the shop's last.
const END_OF_MINUTES = '9999';

const nextMinute = (minute: string) => minuteOf(new Date(Date.parse(`${minute}:00.000Z`) + 60_000).toISOString());

type Sold = { orders: number; units: number; gmv: number };
const add = (a: Sold, b: Sold): Sold => ({ orders: a.orders + b.orders, units: a.units + b.units, gmv: a.gmv + b.gmv });
const NONE: Sold = { orders: 0, units: 0, gmv: 0 };

/** The LIVE orders of one minute placed with start ≤ placedAt < end. */
async function soldIn(docs: DocStore, shopId: string, minute: string, start: number, end: number): Promise<Sold> {
  const orders = await docs.listRange<LiveOrderDoc>('live-order', shopId, minute, nextMinute(minute));
  return orders
    .filter((o) => start <= Date.parse(o.placedAt) && Date.parse(o.placedAt) < end)
    .reduce((n, o) => add(n, { orders: 1, units: o.units, gmv: o.gmv }), NONE);
}

/**
 * What one session sold: the LIVE orders placed with start ≤ placedAt < end (no end yet: since its
 * start). The minutes wholly inside from their sums, the first and the last from their orders.
 */
async function sold(docs: DocStore, shopId: string, session: LiveSessionDoc, endedAt: string | null): Promise<Sold> {
  const start = Date.parse(session.startedAt);
  const end = endedAt === null ? Infinity : Date.parse(endedAt);
  const first = minuteOf(session.startedAt);
  const last = endedAt === null ? END_OF_MINUTES : minuteOf(endedAt);
  if (end <= start) return NONE;
  if (first === last) return soldIn(docs, shopId, first, start, end);
  const whole = await docs.listRange<LiveMinuteDoc>('live-minute', shopId, nextMinute(first), last);
  let total = whole.reduce<Sold>((n, m) => add(n, m), await soldIn(docs, shopId, first, start, end));
  if (endedAt !== null) total = add(total, await soldIn(docs, shopId, last, start, end));
  return total;
}

/**
 * The LIVE sessions started in the range (local dates of the shop), newest first: each with its
 * start, its end (null while live), and the orders, units and GMV of channel LIVE placed during it.
 * Reads the sessions of the range, the minutes they lasted and the orders of their first and last.
 */
export async function liveSessions(docs: DocStore, shopId: string, range: Range) {
  const started = await docs.listRange<LiveSessionDoc>('live-session', shopId, range.from, range.to);
  const ends = await docs.load(started.map((s) => liveEndKey(shopId, s.sessionId)));
  const endOf = (s: LiveSessionDoc) =>
    (ends.get(keyOf(liveEndKey(shopId, s.sessionId))) as LiveEndDoc | undefined)?.endedAt ?? null;
  const sessions = await Promise.all(
    started.map(async (s) => {
      const endedAt = endOf(s);
      return {
        sessionId: s.sessionId,
        title: s.title,
        startedAt: s.startedAt,
        endedAt,
        ...(await sold(docs, shopId, s, endedAt)),
      };
    }),
  );
  sessions.sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.sessionId.localeCompare(a.sessionId));
  return { shopId, ...range, sessions };
}

export type LiveSessions = Awaited<ReturnType<typeof liveSessions>>;
