import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { EventStore } from '@sce/event-store';
import { KafkaCommandConsumer, KafkaEventPublisher, missingTopics, PRODUCER_CONFIG } from '@sce/kafka';
import type { DocStore, ProjectionRunner } from '@sce/projections';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import { KafkaIntake } from './kafka-intake';
import type { EngineConfig, KafkaConfig } from '@sce/runtime';
import { CONFIG, DOC_STORE, EVENT_STORE, PROJECTION_RUNNER } from '../tokens';

const PUBLISHER_CHECKPOINT = 'kafka-events';

/**
 * Kafka, when configured: commands from `topics.commands` through the same intake as HTTP, with
 * the API key in an `authorization: Bearer <key>` header; outcomes on `topics.results`; messages
 * that cannot be a command also on `topics.deadLetters`; the event log on `topics.events`.
 */
@Injectable()
export class KafkaTransport implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Kafka');
  private consumer?: KafkaCommandConsumer;
  private publisher?: KafkaEventPublisher;
  private stopping = false;

  constructor(
    @Inject(CONFIG) private readonly config: EngineConfig,
    private readonly intake: KafkaIntake,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(DOC_STORE) private readonly docs: DocStore,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const settings = this.config.kafka;
    if (!settings) return;
    const kafka = new Kafka({
      clientId: settings.clientId,
      brokers: settings.brokers,
      logLevel: logLevel.WARN,
      logCreator: () => (entry) => this.kafkaLog(entry),
    });
    const brokers = settings.brokers.join(',');
    const didNotAnswer = (error: unknown): never => {
      const cause = (error as { cause?: Error }).cause?.message ?? (error as Error).message;
      throw new Error(`Kafka at ${brokers} (SCE_KAFKA_BROKERS) did not answer: ${cause}`, { cause: error });
    };
    // Before subscribing: a cluster that does not create topics on demand would otherwise answer a
    // missing topic with "This server does not host this topic-partition".
    const { commands, results, deadLetters, events } = settings.topics;
    const needed = [commands, results, deadLetters, ...(settings.publishEvents ? [events] : [])];
    const missing = await missingTopics(kafka, needed).catch(didNotAnswer);
    if (missing.length)
      throw new Error(
        `Kafka at ${brokers} has no topic ${missing.join(', ')}: create ${missing.length > 1 ? 'them' : 'it'} ` +
          '(the engine never creates topics; names from SCE_KAFKA_*_TOPIC)',
      );
    this.consumer = new KafkaCommandConsumer(kafka, {
      groupId: settings.groupId,
      topics: settings.topics,
      sessionTimeout: settings.sessionTimeoutMs,
      intake: (body, apiKey) => this.intake.reply(body, apiKey),
      runIntake: (messages) => this.intake.replyRun(messages),
      onProblem: (what, error) => this.logger.error({ err: error }, what),
    });
    await this.consumer.start().catch(didNotAnswer);
    if (settings.publishEvents) await this.publish(kafka, settings);
    this.logger.log(`commands from ${commands} on ${brokers}`);
  }

  /** For /health: undefined when Kafka is off. */
  status(): { consumer: string; since: string; publishing: boolean; publishedPosition?: number } | undefined {
    if (!this.consumer) return undefined;
    return {
      consumer: this.consumer.state,
      since: new Date(this.consumer.since).toISOString(),
      publishing: this.publisher !== undefined,
      publishedPosition: this.publisher?.position,
    };
  }

  /** Stops taking commands before the stores close; the one in progress finishes first. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.consumer?.stop();
    await this.publisher?.stop();
  }

  /**
   * Publishes from the stored checkpoint, on the engine that projects only (engines sharing
   * PostgreSQL elect one), so the log goes out once; restarts after a failure (broker away).
   */
  private async publish(kafka: Kafka, settings: KafkaConfig): Promise<void> {
    if (this.stopping) return;
    if (!this.runner.leading) return this.publishLater(kafka, settings);
    const docs = this.docs;
    const publisher = new KafkaEventPublisher(
      this.events,
      kafka.producer(PRODUCER_CONFIG),
      {
        load: () => docs.checkpoint(PUBLISHER_CHECKPOINT),
        save: (from, to) => docs.commit(new Map(), PUBLISHER_CHECKPOINT, from, to),
      },
      settings.topics.events,
    );
    this.publisher = publisher;
    await publisher.start();
    publisher.done.catch(async (error: unknown) => {
      if (this.stopping) return;
      this.logger.warn(`event publishing stopped (${String(error)}); restarting in 1 s`);
      await publisher.stop().catch(() => undefined);
      this.publishLater(kafka, settings);
    });
  }

  /** Tries again in a second, for as long as it takes (a broker away for a while must not stop the engine). */
  private publishLater(kafka: Kafka, settings: KafkaConfig): void {
    setTimeout(() => {
      this.publish(kafka, settings).catch((error: unknown) => {
        this.logger.warn(`event publishing could not start (${String(error)}); trying again in 1 s`);
        this.publishLater(kafka, settings);
      });
    }, 1000).unref();
  }

  /** kafkajs' own log lines, as the engine's JSON logs. */
  private kafkaLog({ namespace, level, log }: LogEntry): void {
    const { message, timestamp: _timestamp, logger: _logger, ...fields } = log as LogEntry['log'] & { logger?: string };
    const line = { ...fields, namespace };
    if (level <= logLevel.ERROR) this.logger.error(line, message);
    else if (level === logLevel.WARN) this.logger.warn(line, message);
    else this.logger.debug(line, message);
  }
}
