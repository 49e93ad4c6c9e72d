import { describeWith, eventuallyExpect, freshSchema, TEST_PG_URL } from '@sce/test-stack';
import { startEngine, type Engine } from './engine-harness';
import { keysFor, type Keys } from './seller-story';
import { at, LA, openShop, PLACED } from './timer-story';

const CHANNELS = ['LIVE', 'VIDEO', 'PRODUCT_CARD'] as const;
const PRICE = 1200; // the mug of openShop
const RANGE = { from: '2026-11-01', to: '2026-12-01' };

/** A small deterministic generator (mulberry32), so that the history is varied but the same every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Placed {
  orderId: string;
  buyerId: string;
  channel: (typeof CHANNELS)[number];
  units: number;
  at: string;
  cancelled?: { by: 'BUYER' | 'SELLER' | 'SYSTEM'; at: string };
}

/** Local day in Los Angeles: the whole history is in PST (UTC−8), after the end of summer time. */
const laDay = (iso: string) => new Date(Date.parse(iso) - 8 * 3_600_000).toISOString().slice(0, 10);

/** The figures of a set of days, worked out here from what was sent. */
function expected(orders: Placed[], visits: { visitorId: string; at: string }[], inPeriod: (day: string) => boolean) {
  const placed = orders.filter((o) => inPeriod(laDay(o.at)));
  const cancelled = orders.filter((o) => o.cancelled && inPeriod(laDay(o.cancelled.at)));
  const visitors = new Set(visits.filter((v) => inPeriod(laDay(v.at))).map((v) => v.visitorId)).size;
  const buyers = new Set(placed.map((o) => o.buyerId)).size;
  const gmv = placed.reduce((n, o) => n + o.units * PRICE, 0);
  const by = <K extends string>(keys: readonly K[], of: (key: K) => number) =>
    Object.fromEntries(keys.map((k) => [k, of(k)])) as Record<K, number>;
  return {
    visitors,
    buyers,
    orders: placed.length,
    itemsSold: placed.reduce((n, o) => n + o.units, 0),
    gmv,
    refunds: 0,
    liveSessions: 0,
    conversionRate: visitors ? buyers / visitors : null,
    avgOrderValue: placed.length ? Math.round(gmv / placed.length) : null,
    gmvByChannel: by(CHANNELS, (c) => placed.filter((o) => o.channel === c).reduce((n, o) => n + o.units * PRICE, 0)),
    cancellations: by(
      ['BUYER', 'SELLER', 'SYSTEM'] as const,
      (k) => cancelled.filter((o) => o.cancelled!.by === k).length,
    ),
  };
}

function analyticsChecks(open: () => Promise<{ engine: Engine; done(): Promise<void> }>) {
  let engine: Engine;
  let done: () => Promise<void>;
  let keys: Keys;
  const orders: Placed[] = [];
  const visits: { visitorId: string; at: string }[] = [];

  beforeAll(async () => {
    ({ engine, done } = await open());
    keys = await keysFor(engine);
    await openShop(keys); // o-1 at PLACED (2 Nov), never shipped: auto-cancelled at PLACED + 2 d + 72 h
    orders.push({ orderId: 'o-1', buyerId: 'b-1', channel: 'LIVE', units: 2, at: PLACED });
    await keys.seller.send('AdjustStock', LA, { productId: 'mug', delta: 500 }, '2026-11-01T00:00:00Z');
    const next = random(14);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
    for (let i = 0; i < 24; i++) {
      const time = new Date(Date.UTC(2026, 10, 20) + Math.floor(next() * 7 * 24 * 60) * 60_000).toISOString();
      const order: Placed = {
        orderId: `o-g${i}`,
        buyerId: pick(['b-1', 'b-2', 'b-3', 'b-4', 'b-5']),
        channel: pick(CHANNELS),
        units: 1 + Math.floor(next() * 3),
        at: time,
      };
      const placed = await keys.buyer.send(
        'PlaceOrder',
        LA,
        {
          orderId: order.orderId,
          buyerId: order.buyerId,
          lines: [{ productId: 'mug', quantity: order.units }],
          shipTo: { country: 'US', region: 'CA' },
          channel: order.channel,
        },
        time,
      );
      expect(placed.body).toMatchObject({ status: 'accepted' });
      orders.push(order);
      const roll = next();
      if (roll < 0.15 || (roll >= 0.3 && roll < 0.4)) {
        const by = roll < 0.15 ? 'BUYER' : 'SELLER';
        const cancelAt = at(time, 5 + Math.floor(next() * 20)); // past the buyer's free 60 minutes: a seller may still cancel
        const who = by === 'BUYER' ? keys.buyer : keys.seller;
        const answer =
          by === 'BUYER'
            ? await who.send(
                'RequestCancellation',
                LA,
                { orderId: order.orderId, cancellationId: `c-${i}`, reason: 'changed mind' },
                cancelAt,
              )
            : await who.send('CancelOrder', LA, { orderId: order.orderId, reason: 'out of stock' }, cancelAt);
        expect(answer.body).toMatchObject({ status: 'accepted' });
        if (by === 'BUYER') {
          const approved = await keys.seller.send(
            'ApproveCancellation',
            LA,
            { cancellationId: `c-${i}`, orderId: order.orderId },
            at(cancelAt, 1),
          );
          expect(approved.body).toMatchObject({ status: 'accepted' });
          order.cancelled = { by: 'BUYER', at: at(cancelAt, 1) }; // an approved request is the buyer's
        } else order.cancelled = { by, at: cancelAt };
      }
    }
    for (let i = 0; i < 40; i++) {
      const visit = {
        visitorId: pick(['v-1', 'v-2', 'v-3', 'v-4', 'v-5', 'v-6', 'b-1', 'b-2']),
        at: new Date(Date.UTC(2026, 10, 19) + Math.floor(next() * 9 * 24 * 60) * 60_000).toISOString(),
      };
      expect((await keys.system.send('RecordVisit', LA, { visitorId: visit.visitorId }, visit.at)).body).toMatchObject({
        status: 'accepted',
      });
      visits.push(visit);
    }
    // The engine's clock past o-1's auto-cancel (before any later order's deadline): it fires as the SYSTEM.
    const autoCancel = at(PLACED, 2 * 24 + 72);
    await keys.platform.call('PUT', '/v1/test/clock', { at: at(autoCancel, 1) });
    await eventuallyExpect(async () =>
      expect((await keys.analyst.get(`/v1/shops/${LA}/orders/o-1`)).body).toMatchObject({ status: 'CANCELLED' }),
    );
    orders[0]!.cancelled = { by: 'SYSTEM', at: autoCancel };
  });
  afterAll(async () => {
    await engine?.stop();
    await done?.();
  });

  const dashboard = async () => {
    const { status, body } = await keys.analyst.get(
      `/v1/shops/${LA}/dashboard?from=${RANGE.from}&to=${RANGE.to}&asOf=2026-11-15T00:00:00Z`,
    );
    expect(status).toBe(200);
    return body as { days: { date: string }[]; months: { month: string }[]; totals: object };
  };

  const checkFigures = async () => {
    const answer = await dashboard();
    for (const day of answer.days)
      expect(day).toEqual({ date: day.date, ...expected(orders, visits, (d) => d === day.date) });
    expect(answer.months).toEqual([{ month: '2026-11', ...expected(orders, visits, (d) => d.startsWith('2026-11')) }]);
    expect(answer.totals).toEqual(expected(orders, visits, (d) => d >= RANGE.from && d < RANGE.to));
  };

  it('has buyers, conversion, average order value, GMV by channel and cancellations by initiator, per day, month and total', async () => {
    const totals = expected(orders, visits, () => true);
    // the history is varied enough to mean something: every channel, every initiator, repeat buyers
    expect(Object.values(totals.gmvByChannel).every((gmv) => gmv > 0)).toBe(true);
    expect(Object.values(totals.cancellations).every((n) => n > 0)).toBe(true);
    expect(totals.buyers).toBeLessThan(totals.orders);
    await checkFigures();
  });

  it('gives the same figures after a rebuild', async () => {
    const before = await dashboard();
    expect(await keys.platform.call('POST', '/v1/admin/rebuild')).toMatchObject({ status: 200 });
    expect(await dashboard()).toEqual(before);
    await checkFigures();
  });
}

describe('seller analytics on the dashboard, on SQLite', () => {
  analyticsChecks(async () => ({ engine: await startEngine(), done: async () => undefined }));
});

describeWith('postgres', 'seller analytics on the dashboard, on PostgreSQL', () => {
  analyticsChecks(async () => {
    const schema = await freshSchema('sce_analytics');
    const engine = await startEngine({
      SCE_STORE: 'postgres',
      SCE_POSTGRES_URL: TEST_PG_URL,
      SCE_POSTGRES_SCHEMA: schema.schema,
    });
    return { engine, done: () => schema.drop() };
  });
});
