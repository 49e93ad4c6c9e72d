import fc from 'fast-check';
import { line, placed, shipped, shopRegistered } from '@sce/domain/testkit';
import type { OrderDoc } from './order.doc';
import { stored } from '../testing/history';
import { replayedDocs } from '../testing/memory-docs';
import { orderList, orderStats } from './orders.query';

const at = (day: number, hour: number) =>
  `2026-11-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;

interface Placed {
  id: number;
  day: number;
  hour: number;
  ship: boolean;
}

/** Orders placed at random hours of a week of November (ties included), some of them shipped. */
const history: fc.Arbitrary<Placed[]> = fc.uniqueArray(
  fc.record({
    id: fc.integer({ min: 1, max: 99 }),
    day: fc.integer({ min: 20, max: 26 }),
    hour: fc.constantFrom(1, 9, 23),
    ship: fc.boolean(),
  }),
  { selector: (o) => o.id, maxLength: 25 },
);

async function shopWith(orders: Placed[]) {
  const events = [stored(shopRegistered('shop-1'), '2026-11-01T00:00:00.000Z', 'PLATFORM')];
  for (const o of orders) {
    const placedAt = at(o.day, o.hour);
    events.push(stored(placed(`o-${o.id}`, [line('p-1', 1, 1000)], { at: placedAt })[0]!, placedAt, 'BUYER'));
    if (o.ship) events.push(stored(shipped(`o-${o.id}`), at(o.day + 1, 0), 'SELLER'));
  }
  return replayedDocs(events);
}

const newestFirst = (a: OrderDoc, b: OrderDoc) =>
  a.placedAt !== b.placedAt ? (a.placedAt < b.placedAt ? 1 : -1) : a.orderId < b.orderId ? 1 : -1;

describe('the orders list', () => {
  it('pages newest first with its cursors: every order of the filter once, the total counted', () =>
    fc.assert(
      fc.asyncProperty(
        history,
        fc.constantFrom(undefined, 'AWAITING_SHIPMENT', 'SHIPPED'),
        fc.constantFrom(undefined, { from: '2026-11-21', to: '2026-11-24' }),
        fc.integer({ min: 1, max: 6 }),
        async (orders, status, range, limit) => {
          const docs = await shopWith(orders);
          const expected = (await docs.list<OrderDoc>('order', 'shop-1'))
            .filter(
              (o) =>
                (!status || o.status === status) && (!range || (range.from <= o.placedDate && o.placedDate < range.to)),
            )
            .sort(newestFirst)
            .map((o) => o.orderId);
          const seen: string[] = [];
          let cursor: string | undefined;
          for (;;) {
            const page = await orderList(docs, 'shop-1', { status, range, limit, cursor });
            expect(page.total).toBe(expected.length);
            expect(page.orders.length).toBeLessThanOrEqual(limit);
            seen.push(...page.orders.map((o) => o.orderId));
            if (!page.nextCursor) break;
            cursor = page.nextCursor;
          }
          expect(seen).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    ));

  it('refuses a cursor no answer gave', async () => {
    const docs = await shopWith([]);
    await expect(orderList(docs, 'shop-1', { limit: 5, cursor: 'not-a-cursor' })).rejects.toThrow(/cursor/);
  });
});

describe('the order stats', () => {
  it('count the orders placed in the range by status, per day and month, as a count by hand does', () =>
    fc.assert(
      fc.asyncProperty(history, async (orders) => {
        const docs = await shopWith(orders);
        const range = { from: '2026-11-21', to: '2026-11-25' };
        const all = await docs.list<OrderDoc>('order', 'shop-1');
        const placedOn = (date: string) => all.filter((o) => o.placedDate === date);
        const stats = await orderStats(docs, 'shop-1', range);
        for (const day of stats.days) {
          expect(day.orders).toBe(placedOn(day.date).length);
          expect(day.byStatus.SHIPPED).toBe(placedOn(day.date).filter((o) => o.status === 'SHIPPED').length);
          expect(day.byStatus.AWAITING_SHIPMENT).toBe(
            placedOn(day.date).filter((o) => o.status === 'AWAITING_SHIPMENT').length,
          );
        }
        const inRange = all.filter((o) => range.from <= o.placedDate && o.placedDate < range.to);
        expect(stats.orders).toBe(inRange.length);
        expect(stats.months).toEqual([{ month: '2026-11', orders: inRange.length, byStatus: stats.byStatus }]);
        expect(Object.keys(stats.byStatus)).toEqual([
          'AWAITING_SHIPMENT',
          'PARTIALLY_SHIPPED',
          'SHIPPED',
          'DELIVERED',
          'COMPLETED',
          'CANCELLED',
        ]);
      }),
      { numRuns: 30 },
    ));
});
