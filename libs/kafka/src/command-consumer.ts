import type { Consumer, IHeaders, Kafka, KafkaMessage, Producer, TopicMessages } from 'kafkajs';
import { PRODUCER_CONFIG, type KafkaTopics } from './topics';

/** What the engine answers to one command message: the result to publish, and why it is a dead letter. */
export interface IntakeReply {
  commandId?: string;
  result: object;
  deadLetter?: string;
}

/** The transport-neutral command intake: a decoded body, the sender's API key, a correlation id. */
export type CommandIntake = (body: unknown, apiKey: string | undefined, correlationId: string) => Promise<IntakeReply>;

export interface CommandConsumerOptions {
  groupId: string;
  topics: KafkaTopics;
  intake: CommandIntake;
  /** Partitions worked on at once; within a partition messages go one at a time, in order. */
  concurrency?: number;
  maxWaitTimeInMs?: number;
  /** How long the group waits for a silent member before giving its partitions to others. */
  sessionTimeout?: number;
}

/**
 * Commands from Kafka: each message is decided, its result published, and only then its offset
 * committed. A crash in between redelivers the message; the command ledger answers the redelivery
 * with the first outcome and writes nothing, so at-least-once delivery is exactly-once in effect.
 * An intake that fails (store unreachable) throws, and kafkajs redelivers after a backoff.
 */
export class KafkaCommandConsumer {
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  /** For health: `joined` once the group gave it partitions; `crashed` when kafkajs gave up restarting. */
  state: 'starting' | 'joined' | 'crashed' | 'stopped' = 'starting';

  constructor(
    kafka: Kafka,
    private readonly options: CommandConsumerOptions,
  ) {
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      maxWaitTimeInMs: options.maxWaitTimeInMs ?? 500,
      sessionTimeout: options.sessionTimeout ?? 30_000,
      rebalanceTimeout: options.sessionTimeout ?? 60_000,
    });
    this.producer = kafka.producer(PRODUCER_CONFIG);
    const { GROUP_JOIN, CRASH, STOP } = this.consumer.events;
    this.consumer.on(GROUP_JOIN, () => (this.state = 'joined'));
    this.consumer.on(CRASH, ({ payload }) => (this.state = payload.restart ? 'starting' : 'crashed'));
    this.consumer.on(STOP, () => (this.state = 'stopped'));
  }

  async start(): Promise<void> {
    await this.producer.connect();
    await this.consumer.connect();
    // A new group starts at the beginning: commands sent before the first engine started still count.
    await this.consumer.subscribe({ topic: this.options.topics.commands, fromBeginning: true });
    await this.consumer.run({
      partitionsConsumedConcurrently: this.options.concurrency ?? 8,
      eachMessage: async ({ topic, partition, message }) =>
        this.process(message, `${topic}/${partition}@${message.offset}`),
    });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    await this.producer.disconnect();
  }

  private async process(message: KafkaMessage, source: string): Promise<void> {
    const correlationId = header(message.headers, 'correlation-id') ?? source;
    const reply = await this.reply(message, correlationId);
    const headers = { 'correlation-id': correlationId, 'command-id': reply.commandId ?? '' };
    const { topics } = this.options;
    const sends: TopicMessages[] = [
      {
        topic: topics.results,
        messages: [{ key: reply.commandId ?? message.key, value: JSON.stringify(reply.result), headers }],
      },
    ];
    if (reply.deadLetter) {
      const why = { 'sce-error': reply.deadLetter, 'sce-source': source };
      sends.push({
        topic: topics.deadLetters,
        messages: [{ key: message.key, value: message.value, headers: { ...stringHeaders(message.headers), ...why } }],
      });
    }
    await this.producer.sendBatch({ topicMessages: sends, acks: -1 });
  }

  private async reply(message: KafkaMessage, correlationId: string): Promise<IntakeReply> {
    const apiKey =
      header(message.headers, 'authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? header(message.headers, 'x-api-key');
    let body: unknown;
    try {
      body = JSON.parse(message.value?.toString('utf8') ?? '');
    } catch (error) {
      const why = `the message is not JSON: ${(error as Error).message}`;
      return { result: { status: 'invalid', errors: [{ field: '(body)', message: why }] }, deadLetter: why };
    }
    return this.options.intake(body, apiKey, correlationId);
  }
}

function header(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

function stringHeaders(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.keys(headers ?? {}).map((name) => [name, header(headers, name) ?? '']));
}
