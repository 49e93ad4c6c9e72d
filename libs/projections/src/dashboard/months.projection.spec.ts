import { ev, line, placed, shopRegistered } from '@sce/domain/testkit';
import { documents, stored } from '../testing/history';
import type { MonthDoc } from './months.projection';

const visit = (visitorId: string) => ev('VisitRecorded', { shopId: 'shop-1', visitorId, productId: null });

describe('dashboard months', () => {
  it('counts a visitor once a local month, however many days they came', async () => {
    const events = [
      stored(shopRegistered('shop-1'), '2026-11-01T00:00:00.000Z', 'PLATFORM'),
      stored(visit('v-1'), '2026-11-02T12:00:00.000Z'),
      stored(visit('v-1'), '2026-11-20T12:00:00.000Z'),
      stored(visit('v-2'), '2026-11-20T12:00:00.000Z'),
      stored(visit('v-1'), '2026-12-01T07:00:00.000Z'), // still 30 Nov in Los Angeles
      stored(visit('v-1'), '2026-12-01T09:00:00.000Z'),
    ];
    expect(await documents<MonthDoc>(events, 'month')).toEqual({
      '2026-11': { month: '2026-11', visitors: 2, buyers: 0 },
      '2026-12': { month: '2026-12', visitors: 1, buyers: 0 },
    });
  });

  it('counts a buyer once a local month, and keeps visitors and buyers apart', async () => {
    const [order] = placed('o-1', [line('p-1', 1, 1000)]);
    const by = (orderId: string, buyerId: string) =>
      ev('OrderPlaced', { ...(order as Extract<typeof order, { type: 'OrderPlaced' }>).data, orderId, buyerId });
    const events = [
      stored(shopRegistered('shop-1'), '2026-11-01T00:00:00.000Z', 'PLATFORM'),
      stored(visit('b-1'), '2026-11-02T12:00:00.000Z'),
      stored(by('o-1', 'b-1'), '2026-11-02T12:00:00.000Z', 'BUYER'),
      stored(by('o-2', 'b-1'), '2026-11-20T12:00:00.000Z', 'BUYER'),
      stored(by('o-3', 'b-2'), '2026-11-21T12:00:00.000Z', 'BUYER'),
      stored(by('o-4', 'b-1'), '2026-12-01T12:00:00.000Z', 'BUYER'),
    ];
    expect(await documents<MonthDoc>(events, 'month')).toEqual({
      '2026-11': { month: '2026-11', visitors: 1, buyers: 2 },
      '2026-12': { month: '2026-12', visitors: 0, buyers: 1 },
    });
  });
});
