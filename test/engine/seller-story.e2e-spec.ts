import { describeWith, freshSchema, TEST_PG_URL } from '@sce/test-stack';
import { startEngine, type Engine } from './engine-harness';
import { keysFor, tellTheStory, type Keys } from './seller-story';

const RANGE = 'from=2026-11-25&to=2026-12-09';
const zero = { visitors: 0, buyers: 0, orders: 0, itemsSold: 0, gmv: 0, refunds: 0, liveSessions: 0 };
const noChannels = { LIVE: 0, VIDEO: 0, PRODUCT_CARD: 0 };
const noCancellations = { BUYER: 0, SELLER: 0, SYSTEM: 0 };
type Figures = typeof zero & { gmvByChannel?: typeof noChannels; cancellations?: typeof noCancellations };

/** A period's figures as the dashboard answers them: the counts, and the ratios worked out here from them. */
const answered = (f: Figures) => ({
  ...f,
  conversionRate: f.visitors ? f.buyers / f.visitors : null,
  avgOrderValue: f.orders ? Math.round(f.gmv / f.orders) : null, // no ties in this story
  // every order of the story is sold LIVE
  gmvByChannel: f.gmvByChannel ?? { ...noChannels, LIVE: f.gmv },
  cancellations: f.cancellations ?? noCancellations,
});

/** The figures, worked out by hand from the story (times are UTC; the shop is in Los Angeles, UTC-8). */
const EXPECTED_DAYS: Record<string, Partial<Figures>> = {
  // v-1 09:00, v-2 12:00, v-1 again 23:30 (07:30Z next day); o-1 = 4500 + 2×1500 + 800 = 8300 (4 units),
  // o-3 at 23:59 local (07:59Z) is before the 08:00Z campaign start: 4500 at list price (1 unit);
  // every order has its own buyer (b-o-1, b-o-3)
  '2026-11-26': { visitors: 2, buyers: 2, orders: 2, itemsSold: 5, gmv: 8300 + 4500 },
  // o-2: 2 hoodies at the campaign price 3500; LIVE at 02:00 and 19:00 local
  '2026-11-27': { visitors: 2, buyers: 1, orders: 1, itemsSold: 2, gmv: 7000, liveSessions: 2 },
  // o-4 at 00:00 local (08:00Z, campaign over: list price 4500); o-7 cap 2500 stays in GMV though
  // cancelled, by its buyer at 02:00 local
  '2026-11-28': {
    visitors: 1,
    buyers: 2,
    orders: 2,
    itemsSold: 2,
    gmv: 4500 + 2500,
    cancellations: { ...noCancellations, BUYER: 1 },
  },
  '2026-11-30': { refunds: 1500 }, // r-1, one mug
  '2026-12-01': { refunds: 800 }, // r-5, the sticker, auto-approved
  '2026-12-02': { refunds: 3500 }, // r-2, a hoodie bought at the campaign price
};

function storyChecks(open: () => Promise<Engine>) {
  let engine: Engine;
  let keys: Keys;
  let lastPosition: number;

  beforeAll(async () => {
    engine = await open();
    keys = await keysFor(engine);
    lastPosition = await tellTheStory(keys);
  });
  afterAll(async () => engine?.stop());

  const read = async (path: string, who: keyof Keys = 'seller') => {
    const { status, body } = await keys[who].get(path);
    expect(status).toBe(200);
    return body as Record<string, any>;
  };

  it('shows the dashboard per local day, per month, and in total', async () => {
    const dashboard = await read(
      `/v1/shops/shop-la/dashboard?${RANGE}&asOf=2026-11-26T00:00:00Z&atPosition=${lastPosition}`,
    );
    const dates = Array.from({ length: 14 }, (_, i) => new Date(Date.UTC(2026, 10, 25 + i)).toISOString().slice(0, 10));
    expect(dashboard.days).toEqual(dates.map((date) => ({ date, ...answered({ ...zero, ...EXPECTED_DAYS[date] }) })));
    const november = {
      visitors: 4, // v-1 … v-4
      buyers: 5, // five orders, five buyers
      orders: 5,
      itemsSold: 9,
      gmv: 12800 + 7000 + 7000,
      refunds: 1500,
      liveSessions: 2,
      cancellations: { ...noCancellations, BUYER: 1 },
    };
    expect(dashboard.months).toEqual([
      { month: '2026-11', ...answered(november) },
      { month: '2026-12', ...answered({ ...zero, refunds: 800 + 3500 }) },
    ]);
    expect(dashboard.totals).toEqual(answered({ ...november, refunds: 1500 + 800 + 3500 }));
    expect(dashboard.campaigns).toMatchObject({
      ongoing: [],
      upcoming: [{ campaignId: 'bf-2026', joined: true, products: 1 }],
    });
  });

  it('buckets by the shop time zone: Tokyo splits at 15:00 UTC', async () => {
    const tokyo = await read(`/v1/shops/shop-tyo/dashboard?from=2026-11-27&to=2026-11-29`, 'tokyoSeller');
    expect(tokyo.days.map((d: { visitors: number }) => d.visitors)).toEqual([1, 1]);
    expect(tokyo.months).toMatchObject([{ month: '2026-11', visitors: 1 }]);
  });

  it('counts orders by status, day and month', async () => {
    const stats = await read(`/v1/shops/shop-la/orders/stats?${RANGE}`);
    expect(stats.orders).toBe(5);
    expect(stats.byStatus).toEqual({
      AWAITING_SHIPMENT: 0,
      PARTIALLY_SHIPPED: 0,
      SHIPPED: 1,
      DELIVERED: 1,
      COMPLETED: 2,
      CANCELLED: 1,
    });
    const day = (date: string) => stats.days.find((d: { date: string }) => d.date === date);
    expect(day('2026-11-26')).toMatchObject({ orders: 2, byStatus: { DELIVERED: 1, COMPLETED: 1 } });
    expect(day('2026-11-28')).toMatchObject({ orders: 2, byStatus: { SHIPPED: 1, CANCELLED: 1 } });
    expect(stats.months).toMatchObject([
      { month: '2026-11', orders: 5 },
      { month: '2026-12', orders: 0 },
    ]);
  });

  it("prices each order from the products, campaign and template, and keeps the order's history", async () => {
    const o1 = await read('/v1/shops/shop-la/orders/o-1');
    expect(o1).toMatchObject({ status: 'DELIVERED', itemsTotal: 8300, shippingFee: 0, total: 8300, refunded: true });
    // r-5 (the sticker) is under the auto-approve limit: the SYSTEM approved it, not the buyer
    expect(o1.history.map((h: { type: string; by: string }) => [h.type, h.by])).toEqual([
      ['OrderPlaced', 'BUYER'],
      ['PackageShipped', 'SELLER'],
      ['OrderShipped', 'SELLER'],
      ['PackageDelivered', 'SYSTEM'],
      ['OrderDelivered', 'SYSTEM'],
      ['RefundRequested', 'BUYER'],
      ['RefundApproved', 'SELLER'],
      ['RefundIssued', 'SELLER'],
      ['RefundRequested', 'BUYER'],
      ['RefundRequested', 'BUYER'],
      ['RefundApproved', 'SYSTEM'],
      ['RefundIssued', 'SYSTEM'],
    ]);
    // TX is in "Rest of US": 899 less 10% (89.9 → 90) = 809; 4500 is under the 5000 threshold
    expect(await read('/v1/shops/shop-la/orders/o-3')).toMatchObject({
      status: 'COMPLETED',
      itemsTotal: 4500,
      shippingFee: 809,
      total: 5309,
    });
    expect(await read('/v1/shops/shop-la/orders/o-2')).toMatchObject({
      lines: [{ productId: 'hoodie', unitPrice: 3500, lineTotal: 7000, campaignId: 'bf-2026' }],
      shippingFee: 0,
    });
    // CA is in "West": 599 less 60 = 539
    expect(await read('/v1/shops/shop-la/orders/o-4')).toMatchObject({
      status: 'SHIPPED',
      lines: [{ unitPrice: 4500, campaignId: null }],
      shippingFee: 539,
      total: 5039,
    });
    expect((await keys.seller.get('/v1/shops/shop-la/orders/o-404')).status).toBe(404);
  });

  it('lists orders newest first, by status: the queue to ship, what is on its way, what was cancelled', async () => {
    const ids = async (query: string) =>
      ((await read(`/v1/shops/shop-la/orders?${query}`)).orders as { orderId: string }[]).map((o) => o.orderId);
    expect(await ids('status=AWAITING_SHIPMENT')).toEqual([]);
    expect(await ids('status=SHIPPED')).toEqual(['o-4']);
    expect(await ids('status=CANCELLED')).toEqual(['o-7']);
    expect(await ids('')).toEqual(['o-7', 'o-4', 'o-2', 'o-3', 'o-1']);
    expect(await ids('from=2026-11-27&to=2026-11-28')).toEqual(['o-2']);
    expect(await ids('limit=2')).toEqual(['o-7', 'o-4']);
    const pages: string[][] = [];
    for (let cursor: string | null = ''; cursor !== null;) {
      const page = await read(`/v1/shops/shop-la/orders?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push((page.orders as { orderId: string }[]).map((o) => o.orderId));
      expect(page.total).toBe(5);
      cursor = page.nextCursor as string | null;
    }
    expect(pages).toEqual([['o-7', 'o-4'], ['o-2', 'o-3'], ['o-1']]);
    expect((await keys.seller.get('/v1/shops/shop-la/orders?status=LOST')).status).toBe(400);
  });

  it('shows returns: by status, the pending queue, units and amounts, the return rate', async () => {
    const r = await read(`/v1/shops/shop-la/returns?${RANGE}`);
    expect(r.byStatus).toEqual({ REQUESTED: 1, APPROVED: 0, REJECTED: 1, RETURN_RECEIVED: 0, REFUNDED: 3 });
    expect(r.pending.map((p: { refundId: string; awaiting: string }) => [p.refundId, p.awaiting])).toEqual([
      ['r-4', 'DECISION'],
    ]);
    expect(r.totals).toEqual({ requests: 5, unitsReturned: 1, amountRefunded: 1500 + 800 + 3500 });
    expect(r.days.find((d: { date: string }) => d.date === '2026-12-02')).toEqual({
      date: '2026-12-02',
      requests: 0,
      unitsReturned: 1,
      amountRefunded: 3500,
    });
    // delivered in the 30 days before 9 Dec: o-1, o-2, o-3 (completed included); refunded: o-1 and o-2
    expect(r.returnRate).toEqual({
      from: '2026-11-09',
      to: '2026-12-09',
      deliveredOrders: 3,
      refundedOrders: 2,
      rate: 2 / 3,
    });
  });

  it('lists products with status, stock and reason, and counts per status', async () => {
    const p = await read('/v1/shops/shop-la/products');
    expect(p.counts).toEqual({ PENDING_REVIEW: 0, ACTIVE: 3, ISSUES: 1, SUSPENDED: 1, INACTIVE: 0 });
    const byId = Object.fromEntries(p.products.map((x: { productId: string }) => [x.productId, x]));
    // hoodie 20 − 1 (o-1) − 1 (o-3) − 2 (o-2) − 1 (o-4) + 1 returned (r-2); mug 50 − 2 − 3 broken; cap back from o-7
    expect(byId.hoodie).toMatchObject({ stock: 16, status: 'ACTIVE' });
    expect(byId.mug).toMatchObject({ stock: 45 });
    expect(byId.sticker).toMatchObject({ stock: 99 });
    expect(byId.cap).toMatchObject({ stock: 5, status: 'SUSPENDED', reason: 'counterfeit report' });
    expect(byId.fake).toMatchObject({ stock: 10, status: 'ISSUES', reason: 'misleading title' });
  });

  it('shows the campaign with its participants and sales', async () => {
    const [bf] = (await read('/v1/campaigns?asOf=2026-11-27T12:00:00Z', 'analyst')) as unknown as Record<string, any>[];
    expect(bf).toMatchObject({
      campaignId: 'bf-2026',
      state: 'ONGOING',
      participants: { 'shop-la': [{ productId: 'hoodie', campaignPrice: 3500, reservedStock: 10 }] },
      sales: { orders: 1, units: 2, gmv: 7000 },
    });
  });

  it('keeps each seller to its own figures', async () => {
    expect(await keys.tokyoSeller.get('/v1/shops/shop-la/dashboard')).toMatchObject({
      status: 403,
      body: { code: 'auth.not-own-shop' },
    });
    expect((await keys.buyer.get('/v1/shops/shop-la/products')).status).toBe(403);
    expect((await keys.analyst.get(`/v1/shops/shop-la/dashboard?${RANGE}`)).status).toBe(200);
  });

  it('rebuilds every read model from zero to the same figures', async () => {
    const paths = [
      `/v1/shops/shop-la/dashboard?${RANGE}&asOf=2026-11-27T12:00:00Z`,
      `/v1/shops/shop-la/orders/stats?${RANGE}`,
      '/v1/shops/shop-la/orders/o-1',
      `/v1/shops/shop-la/returns?${RANGE}`,
      '/v1/shops/shop-la/products',
      `/v1/shops/shop-tyo/dashboard?${RANGE}&asOf=2026-11-27T12:00:00Z`,
    ];
    const before = await Promise.all(paths.map((p) => read(p, 'analyst')));
    const campaignsBefore = await read('/v1/campaigns?asOf=2026-11-27T12:00:00Z', 'analyst');
    expect(await keys.platform.call('POST', '/v1/admin/rebuild')).toMatchObject({
      status: 200,
      body: { status: 'rebuilt' },
    });
    expect(await Promise.all(paths.map((p) => read(p, 'analyst')))).toEqual(before);
    expect(await read('/v1/campaigns?asOf=2026-11-27T12:00:00Z', 'analyst')).toEqual(campaignsBefore);
  });
}

describe('the seller story over HTTP, on SQLite', () => {
  storyChecks(() => startEngine());
});

describeWith('postgres', 'the seller story over HTTP, on PostgreSQL', () => {
  let drop: () => Promise<void>;
  afterAll(async () => drop?.());
  storyChecks(async () => {
    const schema = await freshSchema('sce_e2e');
    drop = schema.drop;
    return startEngine({ SCE_STORE: 'postgres', SCE_POSTGRES_URL: TEST_PG_URL, SCE_POSTGRES_SCHEMA: schema.schema });
  });
});
