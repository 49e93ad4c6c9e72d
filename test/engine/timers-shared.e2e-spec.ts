import { describeWith, eventuallyExpect, freshSchema, TEST_PG_URL } from '@sce/test-stack';
import { client, startEngine, type Engine } from './engine-harness';
import { keysFor } from './seller-story';
import { analystKey, at, LA, openShop, PLACED } from './timer-story';

const DEADLINE = at(PLACED, 2 * 24 + 72);

describeWith('postgres', 'two engines on one PostgreSQL', () => {
  let engines: Engine[] = [];
  let drop: () => Promise<void>;
  afterAll(async () => {
    await Promise.all(engines.map((e) => e.stop()));
    await drop?.();
  });

  it('fire each timer once: the one that projects, then the other once it has stopped', async () => {
    const fresh = await freshSchema('sce_timers_shared');
    drop = fresh.drop;
    const env = { SCE_STORE: 'postgres', SCE_POSTGRES_URL: TEST_PG_URL, SCE_POSTGRES_SCHEMA: fresh.schema };
    const first = await startEngine(env);
    const second = await startEngine(env);
    engines = [first, second];
    const keys = await keysFor(first);
    await openShop(keys);
    const [a, b] = engines.map((e) => client(e.url, first.platformKey));
    const key = await analystKey(a!);
    const history = async (engine: Engine, orderId: string) =>
      (
        await client(engine.url, key).get<{ history: { type: string; at: string; by: string }[] }>(
          `/v1/shops/${LA}/orders/${orderId}?atPosition=0`,
        )
      ).body.history ?? [];

    // Both clocks past the deadline, the follower's first: only the engine that projects fires.
    await b!.call('PUT', '/v1/test/clock', { at: at(DEADLINE, 1) });
    await a!.call('PUT', '/v1/test/clock', { at: at(DEADLINE, 1) });
    await b!.call('PUT', '/v1/test/clock', { at: at(DEADLINE, 2) });
    await eventuallyExpect(async () =>
      expect((await history(second, 'o-1')).filter((h) => h.type === 'OrderCancelled')).toMatchObject([
        { type: 'OrderCancelled', at: DEADLINE, by: 'SYSTEM' },
      ]),
    );
    const health = await client(second.url, key).get<{ details: { timers: { leading: boolean } } }>('/health');
    expect(health.body.details.timers.leading).toBe(false);

    // The projecting engine stops; the other takes over the timers with the projections.
    const placed = await keys.buyer.send(
      'PlaceOrder',
      LA,
      {
        orderId: 'o-2',
        buyerId: 'b-2',
        lines: [{ productId: 'mug', quantity: 1 }],
        shipTo: { country: 'US', region: 'CA' },
        channel: 'LIVE',
      },
      PLACED,
    );
    expect(placed).toMatchObject({ status: 200, body: { status: 'accepted' } });
    expect(await first.stop()).toBe(0);
    engines = [second];
    await eventuallyExpect(async () => {
      await b!.call('PUT', '/v1/test/clock', { at: at(DEADLINE, 3) });
      expect((await history(second, 'o-2')).map((h) => h.type)).toEqual(['OrderPlaced', 'OrderCancelled']);
    }, 20_000);
    expect((await history(second, 'o-1')).filter((h) => h.type === 'OrderCancelled')).toHaveLength(1);
  });
});
