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
    const zeros = { visitors: 0, buyers: 0, gmvByChannel: { LIVE: 0, VIDEO: 0, PRODUCT_CARD: 0 } };
    const noCancellations = { cancellations: { BUYER: 0, SELLER: 0, SYSTEM: 0 } };
    expect(await documents<DayDoc>(events, 'day')).toEqual({
      '2026-11-20': {
        date: '2026-11-20',
        ...zeros,
        buyers: 1,
        orders: 1,
        itemsSold: 3,
        gmv: 3900,
        gmvByChannel: { LIVE: 3900, VIDEO: 0, PRODUCT_CARD: 0 },
        refunds: 0,
        liveSessions: 1,
        ...noCancellations,
      },
      '2026-11-21': {
        date: '2026-11-21',
        ...zeros,
        orders: 0,
        itemsSold: 0,
        gmv: 0,
        refunds: 900,
        liveSessions: 0,
        ...noCancellations,
      },
    });
  });

  it('counts a buyer once a local day however many orders, and GMV by the channel it sold through', async () => {
    const order = (orderId: string, buyerId: string, channel: 'LIVE' | 'VIDEO' | 'PRODUCT_CARD', price: number) => {
      const [event] = placed(orderId, [line('p-1', 1, price)], { channel });
      return ev('OrderPlaced', { ...(event as Extract<typeof event, { type: 'OrderPlaced' }>).data, buyerId });
    };
    const events = [
      registered,
      stored(order('o-1', 'b-1', 'LIVE', 1000), '2026-11-20T18:00:00.000Z', 'BUYER'),
      stored(order('o-2', 'b-1', 'VIDEO', 2000), '2026-11-20T19:00:00.000Z', 'BUYER'),
      stored(order('o-3', 'b-2', 'PRODUCT_CARD', 400), '2026-11-20T20:00:00.000Z', 'BUYER'),
      stored(order('o-4', 'b-1', 'LIVE', 300), '2026-11-21T20:00:00.000Z', 'BUYER'),
    ];
    const days = await documents<DayDoc>(events, 'day');
    expect(days['2026-11-20']).toMatchObject({
      buyers: 2,
      orders: 3,
      gmv: 3400,
      gmvByChannel: { LIVE: 1000, VIDEO: 2000, PRODUCT_CARD: 400 },
    });
    expect(days['2026-11-21']).toMatchObject({ buyers: 1, orders: 1, gmvByChannel: { LIVE: 300, VIDEO: 0 } });
    const buyerDays = Object.keys(await documents<SeenDoc>(events, 'buyer')).filter((id) => id.startsWith('d:'));
    expect(buyerDays.sort()).toEqual(['d:2026-11-20:b-1', 'd:2026-11-20:b-2', 'd:2026-11-21:b-1']);
  });

  it('counts cancellations on their own local day, by who cancelled', async () => {
    const cancelled = (orderId: string, cancelledBy: 'BUYER' | 'SELLER' | 'SYSTEM' | 'PLATFORM', at: string) =>
      stored(ev('OrderCancelled', { shopId: 'shop-1', orderId, reason: 'x', cancelledBy }), at, 'SYSTEM');
    const events = [
      registered,
      cancelled('o-1', 'BUYER', '2026-11-20T18:00:00.000Z'),
      cancelled('o-2', 'BUYER', '2026-11-20T19:00:00.000Z'),
      cancelled('o-3', 'SELLER', '2026-11-21T07:00:00.000Z'), // 23:00 on the 20th in Los Angeles
      cancelled('o-4', 'SYSTEM', '2026-11-21T09:00:00.000Z'),
      cancelled('o-5', 'PLATFORM', '2026-11-21T10:00:00.000Z'), // not one of the three initiators
    ];
    const days = await documents<DayDoc>(events, 'day');
    expect(days['2026-11-20']?.cancellations).toEqual({ BUYER: 2, SELLER: 1, SYSTEM: 0 });
    expect(days['2026-11-21']?.cancellations).toEqual({ BUYER: 0, SELLER: 0, SYSTEM: 1 });
  });
});
