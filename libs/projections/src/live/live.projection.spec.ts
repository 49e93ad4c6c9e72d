import { ev, line, placed, shopRegistered } from '@sce/domain/testkit';
import { documents, stored } from '../testing/history';
import { replayedDocs } from '../testing/memory-docs';
import fc from 'fast-check';
import type { LiveMinuteDoc, LiveOrderDoc } from './live.projection';
import { liveSessions } from './live-sessions.query';

const registered = stored(shopRegistered('shop-1'), '2026-10-01T00:00:00.000Z', 'PLATFORM');
const started = (sessionId: string, at: string) =>
  stored(ev('LiveSessionStarted', { shopId: 'shop-1', sessionId, title: `show ${sessionId}` }), at, 'SELLER');
const ended = (sessionId: string, at: string) =>
  stored(ev('LiveSessionEnded', { shopId: 'shop-1', sessionId }), at, 'SELLER');
const order = (orderId: string, at: string, units: number, channel: 'LIVE' | 'VIDEO' = 'LIVE') =>
  stored(placed(orderId, [line('p-1', units, 1000)], { channel })[0]!, at, 'BUYER');
const range = { from: '2026-11-01', to: '2026-12-01' };

describe('LIVE sessions', () => {
  it('given LIVE orders, sums them by UTC minute and keeps each by its time; other channels are not kept', async () => {
    const events = [
      registered,
      order('o-1', '2026-11-20T18:05:00Z', 2),
      order('o-2', '2026-11-20T18:05:59.999Z', 3),
      order('o-3', '2026-11-20T18:05:30Z', 1, 'VIDEO'),
    ];
    expect(await documents<LiveMinuteDoc>(events, 'live-minute')).toEqual({
      '2026-11-20T18:05': { minute: '2026-11-20T18:05', orders: 2, units: 5, gmv: 5000 },
    });
    expect(Object.keys(await documents<LiveOrderDoc>(events, 'live-order'))).toEqual([
      '2026-11-20T18:05:00.000Z:o-1',
      '2026-11-20T18:05:59.999Z:o-2',
    ]);
  });

  it('when asked, gives each session the LIVE orders placed with start ≤ placedAt < end, newest session first', async () => {
    const events = [
      registered,
      started('s-1', '2026-11-20T18:00:00.000Z'),
      order('o-before', '2026-11-20T17:59:59.999Z', 1), // before the start
      order('o-start', '2026-11-20T18:00:00.000Z', 2), // at the start: in
      order('o-video', '2026-11-20T18:30:00.000Z', 4, 'VIDEO'), // not LIVE
      order('o-late', '2026-11-20T20:00:00.000Z', 3), // placed at the end (out), recorded before it
      ended('s-1', '2026-11-20T20:00:00.000Z'),
      order('o-last', '2026-11-20T19:59:59.000Z', 5), // recorded after the end, placed before it: in
      started('s-2', '2026-11-22T02:00:00.000Z'),
      order('o-2', '2026-11-22T03:00:00.000Z', 1),
    ];
    const docs = await replayedDocs(events);
    expect(await liveSessions(docs, 'shop-1', range)).toEqual({
      shopId: 'shop-1',
      ...range,
      sessions: [
        {
          sessionId: 's-2',
          title: 'show s-2',
          startedAt: '2026-11-22T02:00:00.000Z',
          endedAt: null, // still live: what it sold so far
          orders: 1,
          units: 1,
          gmv: 1000,
        },
        {
          sessionId: 's-1',
          title: 'show s-1',
          startedAt: '2026-11-20T18:00:00.000Z',
          endedAt: '2026-11-20T20:00:00.000Z',
          orders: 2,
          units: 7,
          gmv: 7000,
        },
      ],
    });
  });

  it('lists the sessions started in the range by the shop’s local date', async () => {
    // 06:30 UTC on the 1st is 23:30 on October 31st in Los Angeles (still UTC−7 then).
    const docs = await replayedDocs([
      registered,
      started('s-oct', '2026-11-01T06:30:00.000Z'),
      started('s-nov', '2026-11-01T08:00:00.000Z'),
    ]);
    expect((await liveSessions(docs, 'shop-1', range)).sessions.map((s) => s.sessionId)).toEqual(['s-nov']);
  });

  it('gives a session exactly the LIVE orders placed in [start, end), whatever the minutes (property)', async () => {
    const base = Date.parse('2026-11-20T18:00:00.000Z');
    // Anywhere in three hours, or at the edges of a minute, where the sums and the orders meet.
    const edge = fc
      .tuple(fc.integer({ min: 0, max: 5 }), fc.constantFrom(0, 1, 59_999))
      .map(([m, ms]) => m * 60_000 + ms);
    const instant = fc
      .oneof(fc.integer({ min: 0, max: 3 * 3_600_000 }), edge)
      .map((ms) => new Date(base + ms).toISOString());
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(instant, fc.integer({ min: 1, max: 9 })), { maxLength: 40 }),
        instant,
        fc.option(instant, { nil: null }),
        async (orders, startedAt, endedAt) => {
          const events = [
            registered,
            started('s-1', startedAt),
            ...orders.map(([at, units], i) => order(`o-${i}`, at, units)),
            ...(endedAt === null ? [] : [ended('s-1', endedAt)]),
          ];
          const inSession = orders.filter(([at]) => at >= startedAt && (endedAt === null || at < endedAt));
          const units = inSession.reduce((n, [, u]) => n + u, 0);
          const [session] = (await liveSessions(await replayedDocs(events), 'shop-1', range)).sessions;
          expect(session).toMatchObject({ orders: inSession.length, units, gmv: units * 1000 });
        },
      ),
      { numRuns: 150 },
    );
  });
});
