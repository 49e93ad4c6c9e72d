import { subscribe, type EventStore, type StoredEvent, type Subscription } from '@sce/event-store';
import { propagation, ROOT_CONTEXT, SpanKind, trace as otelTrace, type Span } from '@opentelemetry/api';
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
      const spans = batch.map((event) => publishSpan(event, this.topic));
      try {
        await this.producer.send({
          topic: this.topic,
          acks: -1,
          messages: batch.map((e, i) => toMessage(e, spans[i])),
        });
      } finally {
        for (const span of spans) span?.end();
      }
      await this.checkpoint.save(published, last);
      published = last;
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    await this.producer.disconnect();
  }
}

/** The CloudEvents `source` of every event the engine publishes. */
export const CLOUDEVENTS_SOURCE = 'urn:sce:seller-center-engine';

/**
 * One event as a Kafka message: keyed by stream, the stored event as JSON, and the headers of
 * W3C trace context (when its command was traced), CloudEvents' Kafka binary mode (`ce_id` the event id, `ce_type` its type, `ce_subject` its
 * stream, `ce_time` its business time) beside the engine's own (`event-id`, `event-type`, `position`).
 */
export function toMessage(event: StoredEvent, span?: Span): Message {
  const trace: Record<string, string> = {};
  if (span) propagation.inject(otelTrace.setSpan(ROOT_CONTEXT, span), trace);
  return {
    key: event.stream,
    value: JSON.stringify(event),
    headers: {
      ...trace,
      'event-id': event.id,
      'event-type': event.type,
      position: String(event.position),
      ce_specversion: '1.0',
      ce_id: event.id,
      ce_source: CLOUDEVENTS_SOURCE,
      ce_type: event.type,
      ce_time: event.metadata.occurredAt,
      ce_subject: event.stream,
      'content-type': 'application/json',
    },
  };
}

/** A producer span continuing the trace of the command that caused `event`, when it was traced. */
function publishSpan(event: StoredEvent, topic: string): Span | undefined {
  const traceparent = event.metadata.traceparent;
  if (!traceparent) return undefined;
  const parent = propagation.extract(ROOT_CONTEXT, { traceparent });
  return otelTrace
    .getTracer('sce-engine')
    .startSpan(`${topic} publish`, { kind: SpanKind.PRODUCER, attributes: { 'sce.event.type': event.type } }, parent);
}
