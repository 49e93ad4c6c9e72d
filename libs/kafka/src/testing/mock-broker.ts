import { startKafkaMock, type KafkaMock } from '@sce/test-stack';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import type { KafkaTopics } from '../topics';

/** What a suite on the mock broker works with; `topics` are fresh for every test. */
export interface MockKafka {
  broker: KafkaMock;
  kafka: Kafka;
  producer: Producer;
  topics: KafkaTopics;
  /** Counts the tests: each has its own topics (and consumer group, where a suite wants one). */
  suite: number;
}

/**
 * Starts librdkafka's mock broker for the enclosing describe (before its tests, stopped after)
 * and makes each test its own four topics. Read the fields inside tests, not at definition time.
 */
export function useMockKafka(): MockKafka {
  const mock = { suite: 0 } as MockKafka;
  beforeAll(async () => {
    mock.broker = await startKafkaMock(1);
    mock.kafka = new Kafka({ clientId: 'sce-test', brokers: mock.broker.brokers, logLevel: logLevel.NOTHING });
    mock.producer = mock.kafka.producer();
    await mock.producer.connect();
  });
  afterAll(async () => {
    await mock.producer?.disconnect();
    mock.broker?.stop();
  });
  beforeEach(async () => {
    mock.suite += 1;
    mock.topics = {
      commands: `commands-${mock.suite}`,
      results: `results-${mock.suite}`,
      deadLetters: `dead-${mock.suite}`,
      events: `events-${mock.suite}`,
    };
    await mock.broker.createTopic(mock.topics.commands, 3);
    await mock.broker.createTopic(mock.topics.results, 1);
    await mock.broker.createTopic(mock.topics.deadLetters, 1);
    await mock.broker.createTopic(mock.topics.events, 3);
  });
  return mock;
}
