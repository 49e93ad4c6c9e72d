import { KafkaContainer } from '@testcontainers/kafka';
import { Kafka, logLevel } from 'kafkajs';
import { kafkaSuite, TOPIC_PARTITIONS } from './kafka-suite';

const IMAGE = 'confluentinc/cp-kafka:7.9.1';

// The same suite as against the mock broker, on a real Kafka (KRaft, one node): what the mock
// cannot show (CreateTopics, a real controller, real group coordination) is exercised here.
kafkaSuite(
  ['containers', 'kafka'],
  `commands over Kafka, results and events back (${IMAGE} under testcontainers, kcat as the other client)`,
  async () => {
    const container = await new KafkaContainer(IMAGE).withKraft().start();
    const brokers = [`${container.getHost()}:${container.getMappedPort(9093)}`];
    const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
    try {
      await admin.connect();
      await admin.createTopics({
        waitForLeaders: true,
        topics: TOPIC_PARTITIONS.map(([topic, numPartitions]) => ({ topic, numPartitions })),
      });
    } catch (error) {
      await container.stop(); // the suite's afterAll never sees a broker it was not handed
      throw error;
    } finally {
      await admin.disconnect();
    }
    return { brokers, stop: () => container.stop().then(() => undefined) };
  },
  { outage: false },
);
