import { keyOf } from '../doc-key';
import type { DocStore } from '../doc-store';
import type { Range } from '../range';
import { hourOf, liveEndKey, type LiveEndDoc, type LiveHourDoc, type LiveSessionDoc } from './live.projection';

// Past every hour id: the LIVE orders of a session not ended yet run to the shop's last.
const END_OF_HOURS = '9999';

const nextHour = (hour: string) => hourOf(new Date(Date.parse(`${hour}:00:00.000Z`) + 3_600_000).toISOString());

/** What one session sold: the LIVE orders placed with start ≤ placedAt < end (no end yet: since its start). */
async function sold(docs: DocStore, shopId: string, session: LiveSessionDoc, endedAt: string | null) {
  const start = Date.parse(session.startedAt);
  const end = endedAt === null ? Infinity : Date.parse(endedAt);
  const upTo = endedAt === null ? END_OF_HOURS : nextHour(hourOf(endedAt));
  const hours = await docs.listRange<LiveHourDoc>('live-hour', shopId, hourOf(session.startedAt), upTo);
  const orders = hours
    .flatMap((h) => h.orders)
    .filter((o) => start <= Date.parse(o.placedAt) && Date.parse(o.placedAt) < end);
  return {
    orders: orders.length,
    units: orders.reduce((n, o) => n + o.units, 0),
    gmv: orders.reduce((n, o) => n + o.gmv, 0),
  };
}

/**
 * The LIVE sessions started in the range (local dates of the shop), newest first: each with its
 * start, its end (null while live), and the orders, units and GMV of channel LIVE placed during it.
 * Reads the sessions of the range and the hours they lasted, nothing else.
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
