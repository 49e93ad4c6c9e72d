import { describeWith, eventually, eventuallyExpect } from '@sce/test-stack';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { client, startEngine, type Engine } from '../engine/engine-harness';
import { keysFor, tellTheStory, type Keys } from '../engine/seller-story';
import { axeViolations, launchChromium, openPage, screenshot } from './browser';
import { seedConsoleShop } from './console-seed';

const ROOT = join(__dirname, '../..');
const CONSOLE_OUT = join(ROOT, 'dist/apps/console');

/** What `npm start` does first: build the console if its build is missing or stale. */
function buildConsole() {
  const run = spawnSync(process.execPath, [join(ROOT, 'tools/build-console.js')], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the console build failed:\n${run.stdout}${run.stderr}`);
  console.log(run.stdout.trim());
}

const LA = 'shop-la';
const TYO = 'shop-tyo';
const BUDGET_GZIP_BYTES = 300 * 1024;
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const count = new Intl.NumberFormat('en-US');
const rate = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

type Body = Record<string, any>;

describeWith('chromium', 'the seller center console in Chromium', () => {
  let engine: Engine;
  let keys: Keys;
  let browser: Browser;
  let page: Page;
  let sellerKey: string;
  let campaignId: string;
  const engineLog: string[] = [];
  const requested: string[] = [];
  const pageErrors: string[] = [];

  const read = async (path: string, who: keyof Keys = 'seller'): Promise<Body> => {
    const { status, body } = await keys[who].get(path);
    expect({ path, status }).toEqual({ path, status: 200 });
    return body as Body;
  };
  /** The shop's today: the default range of a read route ends tomorrow in the shop's zone. */
  const today = async () => addDays((await read(`/v1/shops/${LA}/orders/stats`)).to as string, -1);
  const open = async (path: string, heading: RegExp) => {
    await page.evaluate(`location.hash = ${JSON.stringify(`#/shops/${path}`)}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  };
  const value = (selector: string) => page.locator(selector).first().getAttribute('data-value');
  const accessible = async (name: string) => {
    const violations = await axeViolations(page);
    const grave = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    for (const v of violations)
      console.log(`axe ${name}: ${v.impact} ${v.id} (${v.help}) at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
    expect(grave.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  };

  beforeAll(async () => {
    buildConsole();
    engine = await startEngine({ SCE_LOG_LEVEL: 'info' });
    engine.process.stdout!.on('data', (chunk) => engineLog.push(String(chunk)));
    keys = await keysFor(engine);
    await tellTheStory(keys);
    ({ sellerKey, campaignId } = await seedConsoleShop(keys));
    browser = await launchChromium();
    page = await openPage(browser);
    page.on('request', (request) => requested.push(request.url()));
    page.on('pageerror', (error) => {
      pageErrors.push(error.message);
      console.log(`page error: ${error.stack ?? error.message}`);
    });
  });
  afterAll(async () => {
    await browser?.close();
    await engine?.stop();
  });

  it('is served at / beside the API, under its CSP, with JavaScript under 300 KB gzipped', async () => {
    const index = await fetch(`${engine.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(await index.text()).toContain('<div id="app">');
    expect((await fetch(`${engine.url}/health`)).status).toBe(200);
    expect((await fetch(`${engine.url}/docs-json`)).status).toBe(200);
    expect((await fetch(`${engine.url}/v1/campaigns`)).status).toBe(401);
    const assets = join(CONSOLE_OUT, 'assets');
    const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
    const gzipped = js.reduce((n, f) => n + gzipSync(readFileSync(join(assets, f)), { level: 9 }).length, 0);
    console.log(`console JavaScript: ${js.length} file(s), ${(gzipped / 1024).toFixed(1)} KB gzipped (budget 300 KB)`);
    expect(gzipped).toBeLessThan(BUDGET_GZIP_BYTES);
  });

  it('signs in with a seller key and shows exactly the API figures on the home page', async () => {
    await page.goto(`${engine.url}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await accessible('sign-in');
    await screenshot(page, 'sign-in');
    await page.getByLabel('API key').fill('sce_seller_not-a-key');
    await page.getByLabel('Shop ID').fill(LA);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'unknown, revoked or expired API key' }).waitFor();

    await page.getByLabel('API key').fill(sellerKey);
    const started = Date.now();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-figure="gmv"] [data-day="today"]').waitFor();
    await page.locator('[data-action="to-ship"]').waitFor();
    console.log(`sign-in to the seeded home page: ${Date.now() - started} ms`);

    const day = await today();
    const dashboard = await read(`/v1/shops/${LA}/dashboard?from=${addDays(day, -29)}&to=${addDays(day, 1)}`);
    const days = dashboard.days as Body[];
    const [now, before] = [days[days.length - 1]!, days[days.length - 2]!];
    expect(now.date).toBe(day);
    expect(now.orders).toBe(2);
    expect(now.visitors).toBeGreaterThanOrEqual(3);
    const MONEY = ['gmv', 'refunds', 'avgOrderValue'];
    const FIGURES = ['visitors', 'buyers', 'conversionRate', 'orders', 'itemsSold', 'gmv', 'avgOrderValue'];
    const formatted = (figure: string, v: number | null) =>
      v === null
        ? '—'
        : MONEY.includes(figure)
          ? usd.format(v / 100)
          : figure === 'conversionRate'
            ? rate.format(v)
            : count.format(v);
    expect(now.buyers).toBe(2);
    expect(now.conversionRate).toBe((now.buyers as number) / (now.visitors as number));
    for (const figure of [...FIGURES, 'liveSessions', 'refunds']) {
      for (const [which, expected] of [
        ['today', now[figure] as number | null],
        ['yesterday', before[figure] as number | null],
      ] as const) {
        const shown = page.locator(`[data-figure="${figure}"] [data-day="${which}"]`);
        expect({ figure, which, value: await shown.getAttribute('data-value') }).toEqual({
          figure,
          which,
          value: String(expected ?? ''),
        });
        expect(await shown.textContent()).toBe(formatted(figure, expected));
      }
    }
    // GMV by channel: today's and the 30 days' totals, as the API gives them.
    const totals = dashboard.totals as Body;
    for (const channel of ['LIVE', 'VIDEO', 'PRODUCT_CARD'])
      expect({
        channel,
        today: await value(`[data-channel="${channel}"] [data-day="today"]`),
        range: await value(`[data-channel="${channel}"] [data-day="range"]`),
      }).toEqual({
        channel,
        today: String((now.gmvByChannel as Body)[channel]),
        range: String((totals.gmvByChannel as Body)[channel]),
      });
    expect((now.gmvByChannel as Body).VIDEO).toBeGreaterThan(0);
    // The 30-day charts carry the API's days, one by one.
    const gmvDays = await page
      .locator('figure', { hasText: 'GMV' })
      .locator('td[data-date]')
      .evaluateAll((cells) => cells.map((c) => [c.getAttribute('data-date'), Number(c.getAttribute('data-value'))]));
    expect(gmvDays).toEqual(days.map((d) => [d.date, d.gmv]));

    const toShip = await read(`/v1/shops/${LA}/orders/to-ship?limit=1`);
    const products = await read(`/v1/shops/${LA}/products`);
    const returns = await read(`/v1/shops/${LA}/returns?from=${addDays(day, -29)}&to=${addDays(day, 1)}`);
    expect(await value('[data-action="to-ship"] [data-value]')).toBe(String(toShip.total));
    expect(await value('[data-action="issues"] [data-value]')).toBe(String(products.counts.ISSUES));
    expect(await value('[data-action="suspended"] [data-value]')).toBe(String(products.counts.SUSPENDED));
    const decide = (returns.pending as Body[]).filter((r) => r.awaiting === 'DECISION').length;
    expect(await value('[data-action="returns-decide"] [data-value]')).toBe(String(decide));
    // o-today-1, o-today-2, o-yesterday, o-overdue (partly shipped) and o-cancel-me
    expect([toShip.total, toShip.overdue]).toEqual([5, 1]);
    expect(await value('[data-action="overdue"] [data-value]')).toBe(String(toShip.overdue));
    expect(await value('[data-action="cancellations"] [data-value]')).toBe(String(returns.pendingCancellations.length));
    expect(products.counts).toMatchObject({ ISSUES: 1, SUSPENDED: 1 });

    const upcoming = page.locator(`[data-campaign="${campaignId}"]`);
    expect(await upcoming.textContent()).toContain('Not joined');
    await upcoming.getByRole('link', { name: /Join/ }).waitFor();

    // The first load of the seeded home page, the key already in this tab.
    const reloaded = Date.now();
    await page.reload();
    await page.locator('[data-figure="gmv"] [data-day="today"]').waitFor();
    await page.locator('[data-action="to-ship"]').waitFor();
    await page.locator('figure canvas').first().waitFor();
    const navigation = await page.evaluate<{ domContentLoaded: number; load: number }>(`(() => {
      const [entry] = performance.getEntriesByType('navigation');
      return { domContentLoaded: Math.round(entry.domContentLoadedEventEnd), load: Math.round(entry.loadEventEnd) };
    })()`);
    console.log(
      `first load of the seeded home page: ${Date.now() - reloaded} ms to figures, charts and action items ` +
        `(DOMContentLoaded ${navigation.domContentLoaded} ms, load ${navigation.load} ms)`,
    );
  });

  it('keeps the key out of every URL and of the engine log, and fetches nothing from elsewhere', async () => {
    expect(requested.length).toBeGreaterThan(10);
    expect(requested.filter((url) => !url.startsWith(engine.url) && !url.startsWith('data:'))).toEqual([]);
    expect(requested.filter((url) => url.includes(sellerKey))).toEqual([]);
    expect(page.url()).not.toContain(sellerKey);
    await eventually(() => engineLog.join('').includes('/v1/shops/shop-la/dashboard'), 5000, 'the access log');
    expect(engineLog.join('')).not.toContain(sellerKey);
    expect(await page.evaluate('localStorage.length')).toBe(0);
  });

  it('ships an order from the to-ship queue and the counts move', async () => {
    await open(`${LA}/orders`, /Orders/);
    const tab = (status: string) => page.getByRole('tab', { name: new RegExp(status) });
    await tab('Shipped').waitFor();
    const shippedBefore = Number(await tab('Shipped').getAttribute('data-count'));
    const awaitingBefore = Number(await tab('Awaiting shipment').getAttribute('data-count'));
    const queued = (await read(`/v1/shops/${LA}/orders/to-ship`)).total as number;
    expect(await value('[data-count="to-ship"]')).toBe(String(queued));

    const row = page.locator('[data-order="o-today-1"]').first();
    await row.getByLabel('Carrier').selectOption('UPS_GROUND');
    await row.getByLabel('Tracking number').fill('1Z-TODAY-1');
    await row.getByRole('button', { name: /Ship/ }).click();
    await eventuallyExpect(async () => expect(await value('[data-count="to-ship"]')).toBe(String(queued - 1)));
    // The queue and the status counts are two requests: each settles on its own.
    await eventuallyExpect(async () => {
      expect(await tab('Shipped').getAttribute('data-count')).toBe(String(shippedBefore + 1));
      expect(await tab('Awaiting shipment').getAttribute('data-count')).toBe(String(awaitingBefore - 1));
    });
    expect((await read(`/v1/shops/${LA}/orders/o-today-1`)).status).toBe('SHIPPED');
    await accessible('orders');
    await screenshot(page, 'orders');

    await open(`${LA}/orders/o-today-1`, /Order o-today-1/);
    await page.getByText('OrderShipped').waitFor();
    expect(await page.locator('[data-field="status"]').textContent()).toBe('Shipped');
    expect(await page.locator('[data-field="total"]').textContent()).toBe(
      usd.format((await read(`/v1/shops/${LA}/orders/o-today-1`)).total / 100),
    );
  });

  it("shows a rejected command's message", async () => {
    await open(`${LA}/orders/o-today-2`, /Order o-today-2/);
    const form = page.getByRole('form', { name: 'Ship order o-today-2' });
    await form.getByLabel('Carrier').selectOption('FEDEX_GROUND');
    await form.getByLabel('Tracking number').fill('FX-1');
    await form.getByRole('button', { name: /Ship/ }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    const same = await client(engine.url, sellerKey).send('ShipOrder', LA, {
      orderId: 'o-today-2',
      carrier: 'FEDEX_GROUND',
      trackingNumber: 'FX-1',
    });
    expect(same.body).toMatchObject({ status: 'rejected', code: 'carrier.not-enabled' });
    expect(await alert.textContent()).toContain(same.body.message as string);
    expect(await alert.textContent()).toContain('carrier.not-enabled');
    expect((await read(`/v1/shops/${LA}/orders/o-today-2`)).status).toBe('AWAITING_SHIPMENT');
    await accessible('order');
    await screenshot(page, 'order');
  });

  it('queues what is to ship by ship-by, marks the overdue order, and shows its packages', async () => {
    await open(`${LA}/orders`, /Orders/);
    const api = await read(`/v1/shops/${LA}/orders/to-ship`);
    const rows = page.locator('#to-ship tbody tr');
    await eventuallyExpect(async () =>
      expect(await rows.evaluateAll((r) => r.map((row) => row.getAttribute('data-order')))).toEqual(
        api.orders.map((o: Body) => o.orderId),
      ),
    );
    expect(api.orders[0]).toMatchObject({ orderId: 'o-overdue', status: 'PARTIALLY_SHIPPED', overdue: true });
    const overdueRows = await page
      .locator('#to-ship tbody tr[data-overdue="true"]')
      .evaluateAll((r) => r.map((row) => row.getAttribute('data-order')));
    expect(overdueRows).toEqual(api.orders.filter((o: Body) => o.overdue).map((o: Body) => o.orderId));
    expect(await page.locator('[data-order="o-overdue"] [data-field="shipBy"]').textContent()).toContain('Overdue');
    expect(await value('[data-count="overdue"]')).toBe(String(api.overdue));
    // The pending request holds o-cancel-me back: it has no ship form.
    expect(await page.locator('[data-order="o-cancel-me"]').getByRole('form').count()).toBe(0);

    await open(`${LA}/orders/o-overdue`, /Order o-overdue/);
    const parcel = page.locator('[data-package="o-overdue/a"]');
    await parcel.waitFor();
    expect(await parcel.textContent()).toContain('1 × mug');
    expect(await page.locator('[data-field="status"]').textContent()).toBe('Partially shipped');
    await page.getByRole('heading', { name: 'Ship the rest' }).waitFor();
    // Partly shipped: the system never cancels it, so no auto-cancel deadline is shown.
    expect(await page.getByText('Cancelled by the system').count()).toBe(0);
    expect(await page.locator('[data-field="shipBy"]').textContent()).toContain('2026');
    await accessible('order-packages');
  });

  it('approves a return from the queue', async () => {
    await open(`${LA}/returns`, /Returns/);
    const row = page.locator('[data-refund="r-4"]');
    await row.waitFor();
    const pendingBefore = Number(await value('[data-count="pending"]'));
    await screenshot(page, 'returns');
    await accessible('returns');
    await row.getByRole('button', { name: 'Approve r-4' }).click();
    await eventuallyExpect(async () => expect(await value('[data-count="pending"]')).toBe(String(pendingBefore - 1)));
    expect(await row.count()).toBe(0);
    const day = await today();
    const returns = await read(`/v1/shops/${LA}/returns?from=${addDays(day, -29)}&to=${addDays(day, 1)}`);
    expect((returns.pending as Body[]).map((r) => r.refundId)).not.toContain('r-4');
    expect(await value('[data-status="APPROVED"] [data-value]')).toBe(String(returns.byStatus.APPROVED));
  });

  it('answers a buyer’s cancellation request from the returns page', async () => {
    await open(`${LA}/returns`, /Returns/);
    const row = page.locator('[data-cancellation="c-1"]');
    await row.waitFor();
    const day = await today();
    const range = `from=${addDays(day, -29)}&to=${addDays(day, 1)}`;
    const before = (await read(`/v1/shops/${LA}/returns?${range}`)).pendingCancellations as Body[];
    expect(before.map((c) => c.cancellationId)).toEqual(['c-1']);
    expect(await value('[data-count="cancellations"]')).toBe(String(before.length));
    await row.getByRole('button', { name: 'Approve cancellation c-1' }).click();
    await eventuallyExpect(async () => expect(await value('[data-count="cancellations"]')).toBe('0'));
    expect(await read(`/v1/shops/${LA}/orders/o-cancel-me`)).toMatchObject({
      status: 'CANCELLED',
      cancellations: [{ cancellationId: 'c-1', status: 'APPROVED', answeredBy: 'SELLER' }],
      cancelled: { by: 'BUYER', reason: 'found it cheaper' },
    });
  });

  it('joins a campaign with a product, a campaign price and reserved stock, and withdraws before the start', async () => {
    await open(`${LA}/campaigns/${campaignId}`, /Campaigns/);
    const card = page.locator(`#campaign-${campaignId}`);
    const join = card.getByRole('form', { name: 'Join Cyber Monday' });
    await join.waitFor();
    await join.getByLabel('Join with mug').check();
    await join.getByLabel('Campaign price of mug').fill('14.00');
    await join.getByLabel('Reserved stock of mug').fill('5');
    await join.getByRole('button', { name: 'Join Cyber Monday' }).click();
    await join.getByRole('alert').filter({ hasText: 'campaign.discount-too-small' }).waitFor();

    await join.getByLabel('Campaign price of mug').fill('12.00');
    await join.getByRole('button', { name: 'Join Cyber Monday' }).click();
    const enrolled = card.locator('[data-enrolled="mug"]');
    await enrolled.waitFor();
    expect(await enrolled.textContent()).toContain('$12.00');
    const campaign = ((await read('/v1/campaigns')) as unknown as Body[]).find((c) => c.campaignId === campaignId)!;
    expect(campaign.participants[LA]).toEqual([{ productId: 'mug', campaignPrice: 1200, reservedStock: 5 }]);
    await accessible('campaigns');
    await screenshot(page, 'campaigns');

    await card.getByLabel('Withdraw mug').check();
    await card.getByRole('button', { name: 'Withdraw the chosen products' }).click();
    await eventuallyExpect(async () => expect(await enrolled.count()).toBe(0));
    const after = ((await read('/v1/campaigns')) as unknown as Body[]).find((c) => c.campaignId === campaignId)!;
    expect(after.participants[LA] ?? []).toEqual([]);
  });

  it('resolves a product issue, changes a price, and lists a product', async () => {
    await open(`${LA}/products`, /Products/);
    await page.getByRole('tab', { name: /Issues/ }).click();
    const fake = page.locator('[data-product="fake"]');
    expect(await fake.textContent()).toContain('Reason: misleading title');
    await fake.getByText('Manage').click();
    await fake.getByLabel('What you changed').fill('new title');
    await fake.getByRole('button', { name: 'Resolve issue' }).click();
    await eventuallyExpect(async () =>
      expect(await page.getByRole('tab', { name: /Issues/ }).getAttribute('data-count')).toBe('0'),
    );
    expect((await read(`/v1/shops/${LA}/products`)).products.find((p: Body) => p.productId === 'fake').status).toBe(
      'PENDING_REVIEW',
    );

    await page.getByRole('tab', { name: /All/ }).click();
    const sticker = page.locator('[data-product="sticker"]');
    await sticker.getByText('Manage').click();
    await sticker.getByRole('form', { name: 'Price of sticker' }).getByLabel(/Price/).fill('9.50');
    await sticker.getByRole('button', { name: 'Change price' }).click();
    await eventuallyExpect(async () => expect(await sticker.locator('td.num').first().textContent()).toBe('$9.50'));

    const list = page.getByRole('form', { name: 'List a product' });
    await list.getByLabel('Product ID').fill('scarf');
    await list.getByLabel('Title').fill('Wool scarf');
    await list.getByLabel(/Price/).fill('29.99');
    await list.getByLabel('Stock').fill('12');
    await list.getByRole('button', { name: 'List product' }).click();
    await page.locator('[data-product="scarf"]').waitFor();
    expect((await read(`/v1/shops/${LA}/products`)).products.find((p: Body) => p.productId === 'scarf')).toMatchObject({
      price: 2999,
      stock: 12,
      status: 'PENDING_REVIEW',
    });
    await accessible('products');
    await screenshot(page, 'products');
  });

  it('saves the fulfillment mode, refund policy, carriers and a shipping template', async () => {
    await open(`${LA}/shipping`, /Fulfillment/);
    const saved = async (form: string, button: string, done: string) => {
      await page.getByRole('form', { name: form }).getByRole('button', { name: button }).click();
      await page.getByRole('form', { name: form }).getByRole('status').filter({ hasText: done }).waitFor();
    };
    await page.getByLabel(/Fulfilled by myself/).check();
    await saved('Fulfillment', 'Save fulfillment', 'Fulfillment saved.');
    await page.getByLabel(/Return window/).fill('14');
    await saved('Refund policy', 'Save refund policy', 'Refund policy saved.');
    const shipping = page.getByRole('form', { name: 'Shipping' });
    for (const carrier of ['UPS Ground', 'UPS 2nd Day Air', 'FedEx Ground']) await shipping.getByLabel(carrier).check();
    await saved('Shipping', 'Save shipping', 'Shipping saved.');
    const template = page.getByRole('form', { name: 'Shipping template' });
    await template.getByLabel(/^Fee/).fill('6.99');
    await template.getByLabel('Excluded regions').fill('US-AK, US-HI');
    await template.getByLabel(/Free shipping/).fill('50');
    await saved('Shipping template', 'Save template', 'Template saved.');
    await accessible('shipping');
    await screenshot(page, 'shipping');
    // FedEx is enabled now: the order the engine refused to ship with it ships.
    const ship = await keys.seller.send('ShipOrder', LA, {
      orderId: 'o-today-2',
      carrier: 'FEDEX_GROUND',
      trackingNumber: 'FX-2',
    });
    expect(ship.body).toMatchObject({ status: 'accepted' });
  });

  it('updates an open page without a reload when the shop changes', async () => {
    await open(`${LA}/orders`, /Orders/);
    await page.locator('[data-count="to-ship"]').waitFor();
    const before = Number(await value('[data-count="to-ship"]'));
    const placed = await keys.buyer.send('PlaceOrder', LA, {
      orderId: 'o-while-open',
      buyerId: 'b-open',
      lines: [{ productId: 'hoodie', quantity: 1 }],
      shipTo: { country: 'US', region: 'CA' },
      channel: 'LIVE',
    });
    expect(placed.status).toBe(200);
    await eventuallyExpect(async () => expect(await value('[data-count="to-ship"]')).toBe(String(before + 1)), 15_000);
    await page.locator('[data-order="o-while-open"]').first().waitFor();
  });

  it('shows the home page after the actions, accessible', async () => {
    await open(`${LA}/home`, /Home/);
    await page.locator('figure canvas').first().waitFor();
    await eventuallyExpect(async () =>
      expect(await value('[data-action="to-ship"] [data-value]')).toBe(
        String((await read(`/v1/shops/${LA}/orders/to-ship?limit=1`)).total),
      ),
    );
    await accessible('home');
    await screenshot(page, 'home');
  });

  it("does not open another shop's pages with a seller key", async () => {
    for (const target of ['home', 'orders', 'orders/o-1', 'products']) {
      await page.evaluate(`location.hash = ${JSON.stringify(`#/shops/${TYO}/${target}`)}`);
      const alert = page.getByRole('alert').filter({ hasText: 'auth.not-own-shop' });
      await alert.waitFor();
      expect(await alert.textContent()).toContain(`this seller reads only shop ${LA}, not ${TYO}`);
      expect(await page.locator('[data-figure], [data-order], [data-product]').count()).toBe(0);
    }
    expect(requested.some((url) => url.includes(`/v1/shops/${TYO}/`))).toBe(true);
  });

  it('lets a platform key pick a shop', async () => {
    const platform = await openPage(browser);
    try {
      await platform.goto(`${engine.url}/`);
      await platform.getByLabel('API key').fill(engine.platformKey);
      await platform.getByLabel('Shop ID').fill(TYO);
      await platform.getByRole('button', { name: 'Sign in' }).click();
      await platform.locator('[data-figure="visitors"] [data-day="today"]').waitFor();
      await platform.getByRole('search', { name: 'Open a shop' }).getByLabel('Shop').fill(LA);
      await platform.getByRole('button', { name: 'Open' }).click();
      await platform.getByRole('link', { name: 'Orders', exact: true }).click();
      await platform.locator('[data-order="o-while-open"]').first().waitFor();
    } finally {
      await platform.context().close();
    }
  });

  it('raised no error in the page through all of that', () => {
    expect(pageErrors).toEqual([]);
  });
});
