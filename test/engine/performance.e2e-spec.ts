import { describeWith, eventuallyExpect, freshSchema, TEST_PG_URL } from '@sce/test-stack';
import { startEngine, type Engine } from './engine-harness';
import {
  CLOCK_AFTER,
  ORDERS,
  POLICY,
  PRICES,
  RULES,
  SESSIONS,
  tellTheStory,
  VISITS,
  type StoryOrder,
} from './performance-story';
import { keysFor, type Keys } from './seller-story';
import { at, LA, openShop } from './timer-story';

/** Local day in Los Angeles: the story is in PST (UTC−8), after the end of summer time. */
const laDay = (iso: string) => new Date(Date.parse(iso) - 8 * 3_600_000).toISOString().slice(0, 10);
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const hoursBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 3_600_000;
const shipBy = (o: StoryOrder) => at(o.placedAt, POLICY.handlingDays * 24);
/** When the system cancels an order nothing of which shipped: shipBy + 72 h. */
const autoCancelAt = (o: StoryOrder) =>
  o.shippedAt || o.sellerCancelledAt || o.cancellation ? undefined : at(shipBy(o), RULES.shipByGraceHours);
const gmvOf = (o: StoryOrder) => o.units * PRICES[o.product];

/** The seller performance over the 30 local days before `to`, worked out here from the story. */
function expectedPerformance(to: string) {
  const from = addDays(to, -30);
  const inWindow = (iso: string | undefined) => iso !== undefined && from <= laDay(iso) && laDay(iso) < to;
  const shipped = ORDERS.filter((o) => inWindow(o.shippedAt));
  const placed = ORDERS.filter((o) => inWindow(o.placedAt));
  const sellerCancelled = placed.filter((o) => o.sellerCancelledAt || autoCancelAt(o));
  const hours: number[] = [];
  for (const o of ORDERS) {
    if (o.cancellation && inWindow(o.cancellation.at)) {
      const answer = o.cancellation.answer;
      hours.push(answer ? hoursBetween(o.cancellation.at, answer.at) : RULES.cancellationResponseHours);
    }
    const refund = o.refund;
    if (!refund || !inWindow(refund.at) || PRICES[o.product] <= POLICY.autoApproveLimit) continue;
    if (!refund.answer) hours.push(POLICY.sellerResponseHours);
    else if (refund.answer.by === 'SELLER') hours.push(hoursBetween(refund.at, refund.answer.at));
  }
  return {
    from,
    to,
    lateShipmentRate: shipped.length
      ? shipped.filter((o) => Date.parse(o.shippedAt!) > Date.parse(shipBy(o))).length / shipped.length
      : null,
    autoCancelled: ORDERS.filter((o) => inWindow(autoCancelAt(o))).length,
    sellerCancellationRate: placed.length ? sellerCancelled.length / placed.length : null,
    avgResponseHours: hours.length ? hours.reduce((a, b) => a + b, 0) / hours.length : null,
  };
}

function expectedSessions() {
  return [...SESSIONS]
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
    .map((s) => {
      const end = s.endedAt ? Date.parse(s.endedAt) : Infinity;
      const sold = ORDERS.filter(
        (o) =>
          o.channel === 'LIVE' && Date.parse(s.startedAt) <= Date.parse(o.placedAt) && Date.parse(o.placedAt) < end,
      );
      const title = { 's-1': 'mugs', 's-2': 'pins', 's-3': null }[s.sessionId];
      return {
        ...s,
        title,
        orders: sold.length,
        units: sold.reduce((n, o) => n + o.units, 0),
        gmv: sold.reduce((n, o) => n + gmvOf(o), 0),
      };
    });
}

/** The previous period's totals (the counts and ratios the dashboard gives), worked out here. */
function expectedTotals(from: string, to: string) {
  const inPeriod = (iso: string) => from <= laDay(iso) && laDay(iso) < to;
  const placed = ORDERS.filter((o) => inPeriod(o.placedAt));
  const visitors = new Set(VISITS.filter((v) => inPeriod(v.at)).map((v) => v.visitorId)).size;
  const buyers = new Set(placed.map((o) => o.buyerId)).size;
  const gmv = placed.reduce((n, o) => n + gmvOf(o), 0);
  const byChannel = (c: string) => placed.filter((o) => o.channel === c).reduce((n, o) => n + gmvOf(o), 0);
  return {
    visitors,
    buyers,
    orders: placed.length,
    itemsSold: placed.reduce((n, o) => n + o.units, 0),
    gmv,
    liveSessions: SESSIONS.filter((s) => inPeriod(s.startedAt)).length,
    conversionRate: visitors ? buyers / visitors : null,
    avgOrderValue: placed.length ? Math.round(gmv / placed.length) : null,
    gmvByChannel: { LIVE: byChannel('LIVE'), VIDEO: byChannel('VIDEO'), PRODUCT_CARD: byChannel('PRODUCT_CARD') },
  };
}

function performanceChecks(open: () => Promise<{ engine: Engine; done(): Promise<void> }>) {
  let engine: Engine;
  let done: () => Promise<void>;
  let keys: Keys;
  const read = async (path: string) => {
    const { status, body } = await keys.analyst.get(`/v1/shops/${LA}${path}`);
    expect(status).toBe(200);
    return body;
  };

  const checkFigures = async () => {
    for (const to of ['2026-11-08', '2026-11-12', '2026-12-01', '2026-12-20'])
      expect(await read(`/performance?to=${to}`)).toEqual(expectedPerformance(to));
    expect(await read('/live-sessions?from=2026-11-01&to=2026-12-01')).toEqual({
      shopId: LA,
      from: '2026-11-01',
      to: '2026-12-01',
      sessions: expectedSessions(),
    });
    const dashboard = await read('/dashboard?from=2026-11-08&to=2026-11-15&compare=previous');
    expect(dashboard.performance).toEqual(expectedPerformance('2026-11-15'));
    expect(dashboard.previous).toMatchObject({
      from: '2026-11-01',
      to: '2026-11-08',
      totals: expectedTotals('2026-11-01', '2026-11-08'),
      performance: expectedPerformance('2026-11-08'),
    });
  };

  beforeAll(async () => {
    ({ engine, done } = await open());
    keys = await keysFor(engine);
    await openShop(keys);
    await tellTheStory(keys);
    await keys.platform.call('PUT', '/v1/test/clock', { at: CLOCK_AFTER });
    // The timers fire: auto-cancels, the unanswered requests approved at their deadline.
    await eventuallyExpect(async () =>
      expect(await read('/performance?to=2026-12-01')).toEqual(expectedPerformance('2026-12-01')),
    );
  });
  afterAll(async () => {
    await engine?.stop();
    await done?.();
  });

  it('has every kind of outcome in the story, so that each figure means something', () => {
    const all = expectedPerformance('2026-12-01');
    expect(all.lateShipmentRate).toBeGreaterThan(0);
    expect(all.lateShipmentRate).toBeLessThan(1);
    expect(all.autoCancelled).toBeGreaterThan(1);
    expect(all.sellerCancellationRate).toBeGreaterThan(0);
    expect(expectedSessions().map((s) => s.orders)).toEqual([2, 2, 1]); // s-3 still live: p-5 and p-11; s-2: p-4 and p-after, not p-late;
  });

  it(
    'answers the seller performance, the LIVE sessions and the previous period as worked out from the story',
    checkFigures,
  );

  it('refuses bad query input, naming the field', async () => {
    const bad = async (path: string, field: string) =>
      expect(await keys.analyst.get(`/v1/shops/${LA}${path}`)).toMatchObject({
        status: 400,
        body: { status: 'invalid', errors: [expect.objectContaining({ field })] },
      });
    await bad('/dashboard?compare=next', 'compare');
    await bad('/performance?to=2026-13-01', 'to');
    await bad('/live-sessions?from=2026-11-10&to=2026-11-01', 'from');
    await bad('/live-sessions?asOf=2026-11-10T00:00:00Z', 'asOf');
  });

  it('lets a seller read only its own shop', async () => {
    for (const path of ['/performance', '/live-sessions'])
      expect(await keys.tokyoSeller.get(`/v1/shops/${LA}${path}`)).toMatchObject({
        status: 403,
        body: { code: 'auth.not-own-shop' },
      });
    expect(await keys.seller.get(`/v1/shops/${LA}/performance?to=2026-12-01`)).toMatchObject({
      status: 200,
      body: expectedPerformance('2026-12-01'),
    });
  });

  it('gives the same figures after a rebuild', async () => {
    expect(await keys.platform.call('POST', '/v1/admin/rebuild')).toMatchObject({ status: 200 });
    await checkFigures();
  });
}

describe('seller performance and LIVE sessions, on SQLite', () => {
  performanceChecks(async () => ({ engine: await startEngine(), done: async () => undefined }));
});

describeWith('postgres', 'seller performance and LIVE sessions, on PostgreSQL', () => {
  performanceChecks(async () => {
    const schema = await freshSchema('sce_performance');
    const engine = await startEngine({
      SCE_STORE: 'postgres',
      SCE_POSTGRES_URL: TEST_PG_URL,
      SCE_POSTGRES_SCHEMA: schema.schema,
    });
    return { engine, done: () => schema.drop() };
  });
});
