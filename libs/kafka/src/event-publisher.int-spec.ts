import { SqliteEventStore, type StoredEvent } from '@sce/event-store';
import { describeWith, eventuallyExpect, readTopic } from '@sce/test-stack';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaEventPublisher, type PublisherCheckpoint } from './event-publisher';
import { useMockKafka } from './testing/mock-broker';

describeWith('kafka', 'publishing the event log on the librdkafka mock broker', () => {
  const mock = useMockKafka();
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sce-kafka-'));
    store = new SqliteEventStore(join(dir, 'events.db'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const metadata = { actor: { role: 'SYSTEM', id: 'test' }, occurredAt: '2026-11-27T00:00:00.000Z' };
  const appendTo = (stream: string, count: number) =>
    store.append([
      {
        stream,
        expected: 'any',
        events: Array.from({ length: count }, (_, n) => ({ type: 'Tick', data: { n }, metadata })),
      },
    ]);
  const checkpoint = (): PublisherCheckpoint & { saved: number } => ({
    saved: 0,
    async load() {
      return this.saved;
    },
    async save(from, to) {
      if (from !== this.saved) throw new Error(`checkpoint moved: ${this.saved}, not ${from}`);
      this.saved = to;
    },
  });
  const published = () =>
    readTopic(mock.broker.brokers, mock.topics.events).map((r) => ({
      ...r,
      event: JSON.parse(r.value!) as StoredEvent,
    }));

  it('publishes every event once, keyed by stream, in log order within each stream, then follows live', async () => {
    for (let s = 0; s < 6; s++) await appendTo(`visits-shop-${s}`, 50);
    const saved = checkpoint();
    const publisher = new KafkaEventPublisher(store, mock.kafka.producer(), saved, mock.topics.events);
    await publisher.start();
    try {
      await appendTo('visits-shop-9', 10);
      await eventuallyExpect(() => expect(published()).toHaveLength(310));
      const records = published();
      expect(new Set(records.map((r) => r.event.position)).size).toBe(310);
      for (const r of records) {
        expect(r.key).toBe(r.event.stream);
        expect(r.headers).toEqual({
          'event-id': r.event.id,
          'event-type': 'Tick',
          position: String(r.event.position),
          ce_specversion: '1.0',
          ce_id: r.event.id,
          ce_source: 'urn:sce:seller-center-engine',
          ce_type: 'Tick',
          ce_time: r.event.metadata.occurredAt,
          ce_subject: r.event.stream,
          'content-type': 'application/json',
        });
      }
      for (const partition of [0, 1, 2]) {
        const positions = records.filter((r) => r.partition === partition).map((r) => r.event.position);
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
      }
      await eventuallyExpect(() => expect(saved.saved).toBe(310));
    } finally {
      await publisher.stop();
    }
  });

  it('resumes from its checkpoint after a restart: nothing skipped, nothing sent twice', async () => {
    await appendTo('visits-shop-1', 40);
    const saved = checkpoint();
    const first = new KafkaEventPublisher(store, mock.kafka.producer(), saved, mock.topics.events);
    await first.start();
    await eventuallyExpect(() => expect(saved.saved).toBe(40));
    await first.stop();
    await appendTo('visits-shop-1', 25);
    const second = new KafkaEventPublisher(store, mock.kafka.producer(), saved, mock.topics.events);
    await second.start();
    try {
      await eventuallyExpect(() => expect(saved.saved).toBe(65));
      expect(published().map((r) => r.event.position)).toEqual(Array.from({ length: 65 }, (_, i) => i + 1));
    } finally {
      await second.stop();
    }
  });
});
