import { startKafkaMock } from '@sce/test-stack';
import { kafkaSuite, TOPIC_PARTITIONS } from './kafka-suite';

kafkaSuite(
  ['kafka'],
  'commands over Kafka, results and events back (librdkafka mock broker, kcat as the other client)',
  async () => {
    const mock = await startKafkaMock(1);
    for (const [topic, partitions] of TOPIC_PARTITIONS) await mock.createTopic(topic, partitions);
    return mock;
  },
);
