import {
  describeWith,
  eventuallyExpect,
  freshSchema,
  readTopic,
  startKafkaMock,
  TEST_PG_URL,
  type KafkaMock,
} from '@sce/test-stack';
import { client, startEngine, type Engine } from './engine-harness';

describeWith('kafka', 'two engines on one PostgreSQL publishing to Kafka', () => {
  let broker: KafkaMock;
  let engines: Engine[] = [];
  let drop: () => Promise<void>;

  beforeAll(async () => {
    broker = await startKafkaMock(1);
    for (const [topic, partitions] of [
      ['sce.commands', 2],
      ['sce.command-results', 1],
      ['sce.commands.dead-letter', 1],
      ['sce.events', 2],
    ] as const)
      await broker.createTopic(topic, partitions);
  });
  afterAll(async () => {
    await Promise.all(engines.map((e) => e.stop()));
    broker?.stop();
    await drop?.();
  });

  it('publish every event once: only the engine that projects publishes', async () => {
    const { schema, drop: dropSchema } = await freshSchema('sce_kafka_shared');
    drop = dropSchema;
    const env = {
      SCE_STORE: 'postgres',
      SCE_POSTGRES_URL: TEST_PG_URL,
      SCE_POSTGRES_SCHEMA: schema,
      SCE_KAFKA_BROKERS: broker.brokers.join(','),
      SCE_KAFKA_SESSION_TIMEOUT_MS: '6000',
    };
    const first = await startEngine(env);
    // The keys live in the shared schema: the first engine's platform key works on both.
    const second = await startEngine(env);
    engines = [first, second];
    const [a, b] = engines.map((e) => client(e.url, first.platformKey));
    await a!.send('RegisterShop', 'shop-1', { name: 'One', sellerId: 's1', timeZone: 'UTC', currency: 'USD' });
    for (let i = 0; i < 30; i++) {
      const answer = await (i % 2 ? a! : b!).send('CreateCampaign', undefined, {
        campaignId: `cmp-${i}`,
        name: `Campaign ${i}`,
        registrationStartsAt: '2026-11-20T00:00:00.000Z',
        registrationEndsAt: '2026-11-30T00:00:00.000Z',
        startsAt: '2026-12-01T00:00:00.000Z',
        endsAt: '2026-12-02T00:00:00.000Z',
        minimumDiscountPercent: 10,
      });
      expect(answer).toMatchObject({ status: 200, body: { status: 'accepted' } });
    }
    const head = ((await a!.get('/health')).body as { details: { eventStore: { head: number } } }).details.eventStore
      .head;
    expect(head).toBeGreaterThanOrEqual(31);
    await eventuallyExpect(() => {
      const positions = readTopic(broker.brokers, 'sce.events').map((r) => Number(r.headers.position));
      expect(Math.max(...positions)).toBe(head);
    }, 30_000);
    // A little longer: a second publisher would be sending the same batches again by now.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const positions = readTopic(broker.brokers, 'sce.events').map((r) => Number(r.headers.position));
    expect(positions.sort((x, y) => x - y)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
  });
});
