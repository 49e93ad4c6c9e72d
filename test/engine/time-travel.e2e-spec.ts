import { describeWith, freshSchema, TEST_PG_URL } from '@sce/test-stack';
import { startEngine, type Engine } from './engine-harness';
import { keysFor, type Keys } from './seller-story';
import { LA, openShop } from './timer-story';

const DASHBOARD = `/v1/shops/${LA}/dashboard?from=2026-11-01&to=2026-12-01&asOf=2026-11-15T00:00:00Z`;
const ORDERS = `/v1/shops/${LA}/orders/stats?from=2026-11-01&to=2026-12-01`;

interface Moment {
  at: string;
  position: number;
  dashboard: unknown;
  orders: unknown;
}

/** Rounds of business, after each of which the live read models and the moment are recorded. */
async function sendAndRecord(keys: Keys): Promise<Moment[]> {
  await openShop(keys);
  await keys.seller.send('AdjustStock', LA, { productId: 'mug', delta: 100 }, '2026-11-01T00:00:00Z');
  const moments: Moment[] = [];
  for (let round = 0; round < 4; round++) {
    let position = 0;
    for (let i = 0; i < 3; i++) {
      const at = new Date(Date.UTC(2026, 10, 5 + round, 10 + i)).toISOString();
      const order = { orderId: `o-${round}-${i}`, buyerId: `b-${i}`, lines: [{ productId: 'mug', quantity: 1 }] };
      const placed = await keys.buyer.send(
        'PlaceOrder',
        LA,
        { ...order, shipTo: { country: 'US', region: 'CA' }, channel: 'VIDEO' },
        at,
      );
      const visit = await keys.system.send('RecordVisit', LA, { visitorId: `v-${round}-${i}` }, at);
      expect([placed.body.status, visit.body.status]).toEqual(['accepted', 'accepted']);
      position = Math.max(...(visit.body as { positions: number[] }).positions);
    }
    const live = async (path: string) => (await keys.analyst.get(`${path}&atPosition=${position}`)).body;
    moments.push({
      at: new Date().toISOString(),
      position,
      dashboard: await live(DASHBOARD),
      orders: await live(ORDERS),
    });
    // The next round's events must be recorded after this moment, not within its millisecond.
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return moments;
}

function timeTravelChecks(open: () => Promise<{ engine: Engine; done(): Promise<void> }>) {
  let engine: Engine;
  let done: () => Promise<void>;
  let keys: Keys;
  let moments: Moment[];

  beforeAll(async () => {
    ({ engine, done } = await open());
    keys = await keysFor(engine);
    moments = await sendAndRecord(keys);
  });
  afterAll(async () => {
    await engine?.stop();
    await done?.();
  });

  it('answers knownAt each recorded moment exactly as the live read models did then, in any order', async () => {
    for (const moment of [moments[2]!, moments[0]!, moments[3]!, moments[1]!, moments[2]!]) {
      const dashboard = await keys.analyst.get(`${DASHBOARD}&knownAt=${moment.at}`);
      expect(dashboard.status).toBe(200);
      expect(dashboard.body).toEqual(moment.dashboard);
      expect((await keys.analyst.get(`${ORDERS}&knownAtPosition=${moment.position}`)).body).toEqual(moment.orders);
    }
    expect(moments[0]!.dashboard).not.toEqual(moments[3]!.dashboard);
  });

  it('never touches the live read models, and refuses a point it cannot answer, naming the field', async () => {
    const now = (await keys.analyst.get(DASHBOARD)).body;
    await keys.analyst.get(`${DASHBOARD}&knownAtPosition=${moments[0]!.position}`);
    expect((await keys.analyst.get(DASHBOARD)).body).toEqual(now);
    expect(now).toEqual(moments[3]!.dashboard);
    for (const [query, field] of [
      ['knownAtPosition=999999', 'knownAtPosition'],
      ['knownAtPosition=-1', 'knownAtPosition'],
      ['knownAt=yesterday', 'knownAt'],
      [`knownAt=${moments[0]!.at}&knownAtPosition=3`, 'knownAtPosition'],
      [`knownAt=${moments[0]!.at}&atPosition=3`, 'atPosition'],
    ]) {
      const answer = await keys.analyst.get(`${DASHBOARD}&${query}`);
      expect({
        query,
        status: answer.status,
        fields: (answer.body as { errors?: { field: string }[] }).errors?.map((e) => e.field),
      }).toEqual({ query, status: 400, fields: [field] });
    }
  });

  it('knows no shop before it was registered', async () => {
    const answer = await keys.analyst.get(`${DASHBOARD}&knownAtPosition=0`);
    expect(answer).toMatchObject({ status: 404, body: { code: 'shop.not-found' } });
  });
}

describe('time travel over HTTP, on SQLite', () => {
  timeTravelChecks(async () => ({ engine: await startEngine(), done: async () => undefined }));
});

describeWith('postgres', 'time travel over HTTP, on PostgreSQL', () => {
  timeTravelChecks(async () => {
    const schema = await freshSchema('sce_travel');
    const engine = await startEngine({
      SCE_STORE: 'postgres',
      SCE_POSTGRES_URL: TEST_PG_URL,
      SCE_POSTGRES_SCHEMA: schema.schema,
    });
    return { engine, done: () => schema.drop() };
  });
});
