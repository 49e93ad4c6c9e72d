import { subscribe, type EventStore, type StoredEvent, type Subscription } from '@sce/event-store';
import type { Message, Producer } from 'kafkajs';

/** Where the publisher keeps how far it got; `save` fails when another publisher moved it. */
export interface PublisherCheckpoint {
  load(): Promise<number>;
  save(from: number, to: number): Promise<void>;
}

/**
 * The event log onto Kafka: each batch is sent (acks from all replicas) before the checkpoint
 * moves, so nothing is skipped; a crash between the two sends that batch again. Consumers drop
 * what they have seen by the `event-id` header (or the position): delivery is at least once.
 */
export class KafkaEventPublisher {
  private subscription?: Subscription;

  constructor(
    private readonly store: EventStore,
    private readonly producer: Producer,
    private readonly checkpoint: PublisherCheckpoint,
    private readonly topic: string,
  ) {}

  /** Position of the last event Kafka acknowledged. */
  get position(): number {
    return this.subscription?.position ?? 0;
  }

  /** Settles when publishing stops: on `stop()`, or with the error that stopped it. */
  get done(): Promise<void> {
    return this.subscription?.done ?? Promise.resolve();
  }

  async start(): Promise<void> {
    await this.producer.connect();
    let published = await this.checkpoint.load();
    this.subscription = subscribe(this.store, { after: published, batchSize: 500 }, async (batch) => {
      const last = batch[batch.length - 1]!.position;
      await this.producer.send({ topic: this.topic, acks: -1, messages: batch.map(toMessage) });
      await this.checkpoint.save(published, last);
      published = last;
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    await this.producer.disconnect();
  }
}

export function toMessage(event: StoredEvent): Message {
  return {
    key: event.stream,
    value: JSON.stringify(event),
    headers: { 'event-id': event.id, 'event-type': event.type, position: String(event.position) },
  };
}
