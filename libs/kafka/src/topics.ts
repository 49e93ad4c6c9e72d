import { Partitioners, type Kafka, type ProducerConfig } from 'kafkajs';

/** The topics the engine speaks on. Provisioned by the platform (or the test broker), never by the engine. */
export interface KafkaTopics {
  /** Command envelopes in (DOMAIN.md), keyed by shop so a shop's commands keep their order. */
  commands: string;
  /** One outcome per command message, keyed by command id. */
  results: string;
  /** Messages that could not become a command (not JSON, invalid, unknown key), with the reason. */
  deadLetters: string;
  /** Every event of the log, keyed by stream, in log order within a stream. */
  events: string;
}

export const DEFAULT_TOPICS: KafkaTopics = {
  commands: 'sce.commands',
  results: 'sce.command-results',
  deadLetters: 'sce.commands.dead-letter',
  events: 'sce.events',
};

/**
 * Producer settings of the engine: topics are never created on the fly, and keys go to partitions
 * as the Java client puts them (murmur2), so other services' producers agree on a shop's partition.
 */
export const PRODUCER_CONFIG: ProducerConfig = {
  allowAutoTopicCreation: false,
  createPartitioner: Partitioners.DefaultPartitioner,
};

/** Which of `names` the cluster does not have (a metadata request: it creates nothing). */
export async function missingTopics(kafka: Kafka, names: string[]): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    return names.filter((name) => !existing.has(name));
  } finally {
    await admin.disconnect();
  }
}
