import { ev, shopRegistered } from '@sce/domain/testkit';
import { documents, stored } from '../testing/history';
import type { DayDoc } from '../dashboard/days.projection';
import type { ShopDoc } from './shop.projection';

describe('shop projection', () => {
  it('keeps the shop’s name, currency and time zone', async () => {
    const events = [stored(shopRegistered('shop-1'), '2026-11-01T00:00:00.000Z', 'PLATFORM')];
    expect(await documents<ShopDoc>(events, 'shop')).toEqual({
      'shop-1': { shopId: 'shop-1', name: 'Acme', timeZone: 'America/Los_Angeles', currency: 'USD' },
    });
  });

  it('gives the others the shop’s zone from the event after its registration, in the same batch', async () => {
    const visit = (visitorId: string) => ev('VisitRecorded', { shopId: 'shop-1', visitorId, productId: null });
    const events = [
      stored(visit('v-1'), '2026-11-01T06:00:00.000Z'),
      stored(shopRegistered('shop-1'), '2026-11-01T07:00:00.000Z', 'PLATFORM'),
      stored(visit('v-2'), '2026-11-02T06:00:00.000Z'),
    ];
    // 06:00 UTC: 1 Nov in UTC before the shop is known, 1 Nov 23:00 in Los Angeles after
    expect(Object.keys(await documents<DayDoc>(events, 'day'))).toEqual(['2026-11-01']);
    expect((await documents<DayDoc>(events, 'day'))['2026-11-01']!.visitors).toBe(2);
  });
});
