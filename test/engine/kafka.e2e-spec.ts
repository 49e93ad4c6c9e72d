import { describeWith, startKafkaMock, type KafkaMock } from '@sce/test-stack';
import { Kafka, logLevel } from 'kafkajs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngine } from './engine-harness';
import { kafkaSuite, TOPIC_PARTITIONS, TOPICS } from './kafka-suite';

kafkaSuite(
  ['kafka'],
  'commands over Kafka, results and events back (librdkafka mock broker, kcat as the other client)',
  async () => {
    const mock = await startKafkaMock(1);
    for (const [topic, partitions] of TOPIC_PARTITIONS) await mock.createTopic(topic, partitions);
    return mock;
  },
);

describeWith('kafka', 'an engine started against a Kafka without its topics (librdkafka mock broker)', () => {
  let mock: KafkaMock;
  let dataDir: string;
  beforeAll(async () => {
    mock = await startKafkaMock(1);
    await mock.createTopic(TOPICS.commands, 1);
    dataDir = mkdtempSync(join(tmpdir(), 'sce-kafka-topics-'));
  });
  afterAll(() => {
    mock?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  /** The engine's start error; an engine that starts after all is stopped, and the test fails. */
  const refusal = async (env: Record<string, string>): Promise<Error> => {
    const engine = await startEngine({
      SCE_DATA_DIR: dataDir,
      SCE_KAFKA_BROKERS: mock.brokers.join(','),
      ...env,
    }).catch((error: Error) => error);
    if (engine instanceof Error) return engine;
    await engine.stop();
    throw new Error('the engine started');
  };

  it('refuses to start, naming the topics to create, and creates none', async () => {
    expect((await refusal({})).message).toMatch(
      /has no topic sce\.command-results, sce\.commands\.dead-letter, sce\.events: create them/,
    );
    const admin = new Kafka({ brokers: mock.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    expect(await admin.listTopics()).toEqual([TOPICS.commands]);
    await admin.disconnect();
  });

  it('does not ask for the events topic when events are not published', async () => {
    expect((await refusal({ SCE_KAFKA_PUBLISH_EVENTS: 'false' })).message).toMatch(
      /has no topic sce\.command-results, sce\.commands\.dead-letter: create them/,
    );
  });
});
