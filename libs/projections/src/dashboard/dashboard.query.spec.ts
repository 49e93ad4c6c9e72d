import fc from 'fast-check';
import { ev, line, placed, shopRegistered, T0 } from '@sce/domain/testkit';
import type { DocStore } from '../doc-store';
import { stored } from '../testing/history';
import { replayedDocs } from '../testing/memory-docs';
import { avgOrderValue, conversionRate, dashboard, previousPeriod } from './dashboard.query';

describe('the dashboard’s ratios', () => {
  it('rounds the average order value half up to a minor unit, and has none without orders', () => {
    expect([avgOrderValue(1000, 3), avgOrderValue(1001, 2), avgOrderValue(1003, 2), avgOrderValue(5, 0)]).toEqual([
      333,
      501, // 500.5 goes up
      502, // 501.5 goes up
      null,
    ]);
  });

  it('is the nearest minor unit, ties up, for any GMV and order count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 1, max: 10 ** 6 }), (gmv, orders) => {
        const value = avgOrderValue(gmv, orders)!;
        // value − ½ ≤ gmv ÷ orders < value + ½, in integers: no float in the check either
        return 2 * gmv >= (2 * value - 1) * orders && 2 * gmv < (2 * value + 1) * orders;
      }),
    );
  });

  it('takes the conversion rate as buyers ÷ visitors, uncapped, and none without visitors', () => {
    expect([conversionRate(1, 4), conversionRate(3, 2), conversionRate(0, 5), conversionRate(2, 0)]).toEqual([
      0.25,
      1.5,
      0,
      null,
    ]);
  });
});

describe('the dashboard’s previous period', () => {
  it('is as long as the queried one and ends where it starts', () => {
    expect(previousPeriod({ from: '2026-11-20', to: '2026-11-27' })).toEqual({ from: '2026-11-13', to: '2026-11-20' });
    expect(previousPeriod({ from: '2026-03-01', to: '2026-04-01' })).toEqual({ from: '2026-01-29', to: '2026-03-01' });
  });

  it('when compared, totals the previous period with visitors and buyers distinct over it', async () => {
    const registered = stored(shopRegistered('shop-1'), '2026-11-01T00:00:00.000Z', 'PLATFORM');
    const visit = (visitorId: string, at: string) =>
      stored(ev('VisitRecorded', { shopId: 'shop-1', visitorId, productId: null }), at);
    const events = [
      registered,
      visit('v-1', '2026-11-14T18:00:00.000Z'),
      visit('v-1', '2026-11-15T18:00:00.000Z'), // the same visitor on another day of the period
      visit('v-2', '2026-11-16T18:00:00.000Z'),
      stored(placed('o-1', [line('p-1', 2, 1500)])[0]!, '2026-11-16T19:00:00.000Z', 'BUYER'),
      visit('v-3', '2026-11-21T18:00:00.000Z'), // in the queried period
    ];
    const docs = await replayedDocs(events);
    const answer = await dashboard(docs, 'shop-1', { from: '2026-11-20', to: '2026-11-27' }, T0, 'previous');
    expect(answer.previous).toMatchObject({
      from: '2026-11-13',
      to: '2026-11-20',
      totals: { visitors: 2, buyers: 1, orders: 1, gmv: 3000, conversionRate: 0.5, avgOrderValue: 3000 },
      performance: { from: '2026-10-21', to: '2026-11-20', sellerCancellationRate: 0 },
    });
    expect(answer.totals).toMatchObject({ visitors: 1, orders: 0 });
    expect(await dashboard(docs, 'shop-1', { from: '2026-11-20', to: '2026-11-27' }, T0)).not.toHaveProperty(
      'previous',
    );
  });
});

describe('the dashboard’s reads', () => {
  const order = (id: string, at: string) => stored(placed(id, [line('p-1', 1, 1000)], { at })[0]!, at, 'BUYER');

  it('reads the days of the months the range touches and of the previous period, not the whole history', async () => {
    const docs = await replayedDocs([
      stored(shopRegistered('shop-1'), '2026-01-01T00:00:00.000Z', 'PLATFORM'),
      order('o-1', '2026-03-10T12:00:00.000Z'), // long before: no answer below reads it
      order('o-2', '2026-11-02T12:00:00.000Z'), // the range's month, before the range
      order('o-3', '2026-11-15T12:00:00.000Z'), // the previous period
      order('o-4', '2026-11-21T12:00:00.000Z'), // the range
      order('o-5', '2026-12-01T12:00:00.000Z'), // the month after
    ]);
    const read: string[] = [];
    const watched: DocStore = {
      ...docs,
      list: (model, shopId) =>
        model === 'day' ? Promise.reject(new Error('the dashboard lists no days')) : docs.list(model, shopId),
      listRange: (model, shopId, from, to) => {
        if (model === 'day') read.push(`${from}..${to}`);
        return docs.listRange(model, shopId, from, to);
      },
    };
    const answer = await dashboard(watched, 'shop-1', { from: '2026-11-20', to: '2026-11-27' }, T0, 'previous');
    expect(answer.totals.orders).toBe(1);
    expect(answer.months).toMatchObject([{ month: '2026-11', orders: 3 }]);
    expect(answer.previous?.totals.orders).toBe(1);
    await dashboard(watched, 'shop-1', { from: '2026-11-01', to: '2026-11-03' }, T0, 'previous');
    await dashboard(watched, 'shop-1', { from: '2026-10-30', to: '2026-11-02' }, T0);
    expect(read).toEqual(['2026-11-01..2026-12-01', '2026-10-30..2026-12-01', '2026-10-01..2026-12-01']);
  });
});
