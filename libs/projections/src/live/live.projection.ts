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

/** One LIVE order, as much as a session's figures need; its id is `placedAt:orderId`, in time order. */
export interface LiveOrderDoc {
  orderId: string;
  placedAt: string;
  units: number;
  gmv: number;
}

/** The shop's LIVE orders placed in one UTC minute (`YYYY-MM-DDTHH:MM`), summed. */
export interface LiveMinuteDoc {
  minute: string;
  orders: number;
  units: number;
  gmv: number;
}

export const canonical = (iso: string) => new Date(iso).toISOString();
export const minuteOf = (iso: string) => canonical(iso).slice(0, 16);

export const liveSessionKey = (shopId: string, startDate: string, sessionId: string): DocKey => ({
  model: 'live-session',
  shopId,
  id: `${startDate}:${sessionId}`,
});
export const liveEndKey = (shopId: string, sessionId: string): DocKey => ({ model: 'live-end', shopId, id: sessionId });
const liveMinuteKey = (shopId: string, minute: string): DocKey => ({ model: 'live-minute', shopId, id: minute });
const liveOrderKey = (shopId: string, placedAt: string, orderId: string): DocKey => ({
  model: 'live-order',
  shopId,
  id: `${placedAt}:${orderId}`,
});

type Docs = { session: LiveSessionDoc; end: LiveEndDoc; minute: LiveMinuteDoc; order: LiveOrderDoc };
const handles = ['LiveSessionStarted', 'LiveSessionEnded', 'OrderPlaced'] as const;

/**
 * The shop's LIVE sessions, its LIVE orders summed by minute, and each LIVE order. Which orders a
 * session sold is the query's to work out from the session's start and end (an order recorded
 * before the session's end, or placed after it ended, lands in its minute whatever the order the
 * events came in): the whole minutes from their sums, the two at its edges from their orders. No
 * document grows with the shop's history (ADR 19).
 */
export const liveProjection = projection<Docs, (typeof handles)[number]>({
  name: 'live-sessions',
  models: ['live-session', 'live-end', 'live-minute', 'live-order'],
  version: 2,
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
        return event.data.channel === 'LIVE'
          ? [
              {
                minute: liveMinuteKey(shopId, minuteOf(at)),
                order: liveOrderKey(shopId, canonical(at), event.data.orderId),
              },
            ]
          : [];
    }
  },
  evolve: ({ minute }, event, shop) => {
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
        const sum = minute ?? { minute: minuteOf(at), orders: 0, units: 0, gmv: 0 };
        return {
          minute: { ...sum, orders: sum.orders + 1, units: sum.units + units, gmv: sum.gmv + itemsTotal },
          order: { orderId, placedAt: at, units, gmv: itemsTotal },
        };
      }
    }
  },
});
