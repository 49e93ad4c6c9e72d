import { ev, line, placed, shopRegistered } from '@sce/domain/testkit';
import { documents, stored } from '../testing/history';
import type { DayDoc } from './days.projection';
import type { SeenDoc } from './seen';

const visit = (visitorId: string) => ev('VisitRecorded', { shopId: 'shop-1', visitorId, productId: null });
const registered = stored(shopRegistered('shop-1'), '2026-11-01T00:00:00.000Z', 'PLATFORM');

describe('dashboard days', () => {
  it('counts a visitor once a local day, and keeps who was seen', async () => {
    const events = [
      registered,
      stored(visit('v-1'), '2026-11-20T09:00:00.000Z'),
      stored(visit('v-1'), '2026-11-20T20:00:00.000Z'),
      stored(visit('v-2'), '2026-11-21T07:59:59.000Z'), // 23:59:59 on the 20th in Los Angeles
      stored(visit('v-1'), '2026-11-21T08:00:00.000Z'),
    ];
    const days = await documents<DayDoc>(events, 'day');
    expect([days['2026-11-20']?.visitors, days['2026-11-21']?.visitors]).toEqual([2, 1]);
    expect(Object.keys(await documents<SeenDoc>(events, 'seen'))).toEqual(
      expect.arrayContaining(['d:2026-11-20:v-1', 'd:2026-11-20:v-2', 'd:2026-11-21:v-1']),
    );
  });

  it('adds orders, items, GMV (items only, no shipping), LIVE sessions and refunds to their local day', async () => {
    const [order] = placed('o-1', [line('p-1', 2, 1500), line('p-2', 1, 900)]);
    const events = [
      registered,
      stored(order!, '2026-11-20T18:00:00.000Z', 'BUYER'),
      stored(ev('LiveSessionStarted', { shopId: 'shop-1', sessionId: 's-1', title: null }), '2026-11-20T17:00:00.000Z'),
      stored(
        ev('RefundIssued', { shopId: 'shop-1', orderId: 'o-1', refundId: 'r-1', amount: 900 }),
        '2026-11-22T01:00:00.000Z',
      ),
    ];
    expect(await documents<DayDoc>(events, 'day')).toEqual({
      '2026-11-20': {
        date: '2026-11-20',
        visitors: 0,
        orders: 1,
        itemsSold: 3,
        gmv: 3900,
        refunds: 0,
        liveSessions: 1,
      },
      '2026-11-21': { date: '2026-11-21', visitors: 0, orders: 0, itemsSold: 0, gmv: 0, refunds: 900, liveSessions: 0 },
    });
  });
});
