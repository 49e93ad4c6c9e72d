import type { DocKey } from '../doc-key';
import { localDate } from '../local-time';
import { projection } from '../projection';

/** A LIVE session as it started; its end is its own document (`LiveSessionEnded` names the session only). */
export interface LiveSessionDoc {
  sessionId: string;
  title: string | null;
  startedAt: string;
  /** The shop's local date of the start: the document's id begins with it, so a range lists by start. */
  startDate: string;
}

export interface LiveEndDoc {
  sessionId: string;
  endedAt: string;
}

/** One LIVE order, as much as a session's figures need. */
export interface LiveOrder {
  orderId: string;
  placedAt: string;
  units: number;
  gmv: number;
}

/** The shop's LIVE orders placed in one UTC hour (`YYYY-MM-DDTHH`), in log order. */
export interface LiveHourDoc {
  hour: string;
  orders: LiveOrder[];
}

const canonical = (iso: string) => new Date(iso).toISOString();
export const hourOf = (iso: string) => canonical(iso).slice(0, 13);

export const liveSessionKey = (shopId: string, startDate: string, sessionId: string): DocKey => ({
  model: 'live-session',
  shopId,
  id: `${startDate}:${sessionId}`,
});
export const liveEndKey = (shopId: string, sessionId: string): DocKey => ({ model: 'live-end', shopId, id: sessionId });
const liveHourKey = (shopId: string, hour: string): DocKey => ({ model: 'live-hour', shopId, id: hour });

type Docs = { session: LiveSessionDoc; end: LiveEndDoc; hour: LiveHourDoc };
const handles = ['LiveSessionStarted', 'LiveSessionEnded', 'OrderPlaced'] as const;

/**
 * The shop's LIVE sessions and its LIVE orders by hour. Which orders a session sold is the
 * query's to work out from the session's start and end: an order recorded before the session's
 * end, or placed after it ended, lands in its hour whatever the order the events came in.
 */
export const liveProjection = projection<Docs, (typeof handles)[number]>({
  name: 'live-sessions',
  models: ['live-session', 'live-end', 'live-hour'],
  version: 1,
  handles,
  documents: (event, shop) => {
    const { shopId } = event.data;
    const at = event.metadata.occurredAt;
    switch (event.type) {
      case 'LiveSessionStarted':
        return [{ session: liveSessionKey(shopId, localDate(at, shop.timeZone), event.data.sessionId) }];
      case 'LiveSessionEnded':
        return [{ end: liveEndKey(shopId, event.data.sessionId) }];
      case 'OrderPlaced':
        return event.data.channel === 'LIVE' ? [{ hour: liveHourKey(shopId, hourOf(at)) }] : [];
    }
  },
  evolve: ({ hour }, event, shop) => {
    const at = canonical(event.metadata.occurredAt);
    switch (event.type) {
      case 'LiveSessionStarted': {
        const { sessionId, title } = event.data;
        return { session: { sessionId, title, startedAt: at, startDate: localDate(at, shop.timeZone) } };
      }
      case 'LiveSessionEnded':
        return { end: { sessionId: event.data.sessionId, endedAt: at } };
      case 'OrderPlaced': {
        const { orderId, lines, itemsTotal } = event.data;
        const units = lines.reduce((n, l) => n + l.quantity, 0);
        const before = hour ?? { hour: hourOf(at), orders: [] };
        return { hour: { ...before, orders: [...before.orders, { orderId, placedAt: at, units, gmv: itemsTotal }] } };
      }
    }
  },
});
