import { describeWith, eventually, produceWithKcat, readTopic, startKafkaMock, type KafkaMock } from '@sce/test-stack';
import { rmSync } from 'node:fs';
import { dataDirBehindTheLog, healthOf, platformKeyFor } from './behind-the-log';
import { startEngine } from './engine-harness';
import { TOPIC_PARTITIONS, TOPICS } from './kafka-suite';

describeWith('kafka', 'an engine far behind the log, with Kafka (librdkafka mock broker)', () => {
  let mock: KafkaMock;
  let dataDir: string;
  let platformKey: string;
  beforeAll(async () => {
    mock = await startKafkaMock(1);
    for (const [topic, partitions] of TOPIC_PARTITIONS) await mock.createTopic(topic, partitions);
    // Joining the group takes a few seconds whatever the machine: the engine must still be behind by then.
    dataDir = await dataDirBehindTheLog(750_000);
    platformKey = platformKeyFor(dataDir);
  }, 180_000);
  afterAll(() => {
    mock?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  // The event publisher follows the same log meanwhile: both loops must leave the consumer its turns.
  it('answers a command sent over Kafka and keeps its consumer in the group while it catches up', async () => {
    const engine = await startEngine({
      SCE_DATA_DIR: dataDir,
      SCE_KAFKA_BROKERS: mock.brokers.join(','),
      SCE_KAFKA_SESSION_TIMEOUT_MS: '6000',
    });
    try {
      const facts: string[] = [];
      const joined = await eventually(async () => {
        const health = await healthOf(engine);
        return health.kafka?.consumer === 'joined' && health;
      }, 60_000);
      if (joined.projections.lag > 0) facts.push('consumer joined, behind');

      const commandId = 'c-over-kafka';
      const envelope = {
        commandId,
        type: 'RegisterShop',
        shopId: 'shop-kafka',
        payload: { name: 'Kafka Shop', sellerId: 's-kafka', timeZone: 'UTC', currency: 'USD' },
      };
      produceWithKcat(mock.brokers, TOPICS.commands, 'shop-kafka', JSON.stringify(envelope), {
        authorization: `Bearer ${platformKey}`,
      });
      const answered = await eventually(
        () => readTopic(mock.brokers, TOPICS.results).find((r) => r.key === commandId),
        60_000,
        'the result of the command sent over Kafka',
      );
      expect(JSON.parse(answered.value!)).toMatchObject({ commandId, status: 'accepted' });
      if ((await healthOf(engine)).projections.lag > 0) facts.push('command over Kafka answered, still behind');

      await eventually(async () => (await healthOf(engine)).projections.lag === 0, 90_000, 'the catch-up');
      facts.push('caught up');
      expect(facts).toEqual(['consumer joined, behind', 'command over Kafka answered, still behind', 'caught up']);
      // No rejoin since: the group kept the consumer through the whole catch-up.
      expect((await healthOf(engine)).kafka).toMatchObject({ consumer: 'joined', since: joined.kafka!.since });
    } finally {
      expect(await engine.stop()).toBe(0);
    }
  }, 180_000);
});
