import { SqliteEventStore, type StoredEvent } from '@sce/event-store';
import { describeWith, eventuallyExpect, readTopic, startKafkaMock, type KafkaMock } from '@sce/test-stack';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaCommandConsumer, type CommandIntake, type IntakeReply } from './command-consumer';
import { KafkaEventPublisher, type PublisherCheckpoint } from './event-publisher';
import type { KafkaTopics } from './topics';

describeWith('kafka', 'Kafka transport on the librdkafka mock broker', () => {
  let broker: KafkaMock;
  let kafka: Kafka;
  let producer: Producer;
  let suite = 0;
  let topics: KafkaTopics;

  beforeAll(async () => {
    broker = await startKafkaMock(1);
    kafka = new Kafka({ clientId: 'sce-test', brokers: broker.brokers, logLevel: logLevel.NOTHING });
    producer = kafka.producer();
    await producer.connect();
  });
  afterAll(async () => {
    await producer.disconnect();
    broker.stop();
  });
  beforeEach(async () => {
    suite += 1;
    topics = {
      commands: `commands-${suite}`,
      results: `results-${suite}`,
      deadLetters: `dead-${suite}`,
      events: `events-${suite}`,
    };
    await broker.createTopic(topics.commands, 3);
    await broker.createTopic(topics.results, 1);
    await broker.createTopic(topics.deadLetters, 1);
    await broker.createTopic(topics.events, 3);
  });

  const send = (key: string, value: string, headers: Record<string, string> = {}) =>
    producer.send({ topic: topics.commands, messages: [{ key, value, headers }] });
  const results = () => readTopic(broker.brokers, topics.results);

  /** An intake that answers each command id once with a number, and the same number again. */
  function recordingIntake() {
    const calls: { body: unknown; apiKey?: string }[] = [];
    const first = new Map<string, number>();
    const intake: CommandIntake = async (body, apiKey) => {
      calls.push({ body, apiKey });
      const { commandId } = body as { commandId: string };
      if (!first.has(commandId)) first.set(commandId, first.size);
      return { commandId, result: { status: 'accepted', commandId, n: first.get(commandId) } };
    };
    return { intake, calls };
  }

  function consumer(intake: CommandIntake, groupId = `engine-${suite}`) {
    return new KafkaCommandConsumer(kafka, { groupId, topics, intake, maxWaitTimeInMs: 100, sessionTimeout: 6000 });
  }

  it('answers every command message on the results topic, keyed by command id, with its correlation id', async () => {
    const { intake, calls } = recordingIntake();
    const engine = consumer(intake);
    await engine.start();
    try {
      for (let i = 0; i < 20; i++)
        await send(`shop-${i % 4}`, JSON.stringify({ commandId: `c-${i}` }), {
          authorization: 'Bearer k-1',
          'correlation-id': `corr-${i}`,
        });
      await eventuallyExpect(() => expect(results()).toHaveLength(20));
      const byKey = new Map(results().map((r) => [r.key, r]));
      for (let i = 0; i < 20; i++) {
        expect(JSON.parse(byKey.get(`c-${i}`)!.value!)).toMatchObject({ status: 'accepted', commandId: `c-${i}` });
        expect(byKey.get(`c-${i}`)!.headers).toMatchObject({ 'correlation-id': `corr-${i}`, 'command-id': `c-${i}` });
      }
      expect(calls.every((c) => c.apiKey === 'k-1')).toBe(true);
      expect(readTopic(broker.brokers, topics.deadLetters)).toEqual([]);
    } finally {
      await engine.stop();
    }
  });

  it('answers a message that is not JSON with "invalid" and puts the message on the dead-letter topic', async () => {
    const { intake, calls } = recordingIntake();
    const engine = consumer(intake);
    await engine.start();
    try {
      await send('shop-1', '{"commandId": "c-1", ', { 'correlation-id': 'corr-bad' });
      await eventuallyExpect(() => expect(readTopic(broker.brokers, topics.deadLetters)).toHaveLength(1));
      const [dead] = readTopic(broker.brokers, topics.deadLetters);
      expect(dead!.value).toBe('{"commandId": "c-1", ');
      expect(dead!.headers['sce-error']).toMatch(/not JSON/);
      expect(dead!.headers['sce-source']).toMatch(new RegExp(`^${topics.commands}/\\d@0$`));
      const [answer] = results();
      expect(JSON.parse(answer!.value!)).toMatchObject({ status: 'invalid', errors: [{ field: '(body)' }] });
      expect(answer!.headers['correlation-id']).toBe('corr-bad');
      expect(calls).toHaveLength(0);
    } finally {
      await engine.stop();
    }
  });

  it('loses nothing when the intake fails: the message comes again and is answered once it succeeds', async () => {
    let failures = 2;
    const { intake, calls } = recordingIntake();
    const flaky: CommandIntake = async (body, apiKey, correlationId): Promise<IntakeReply> => {
      if (failures-- > 0) throw new Error('store unavailable');
      return intake(body, apiKey, correlationId);
    };
    const engine = consumer(flaky);
    await engine.start();
    try {
      await send('shop-1', JSON.stringify({ commandId: 'c-1' }));
      await eventuallyExpect(() => expect(results()).toHaveLength(1), 30_000);
      expect(calls).toHaveLength(1);
    } finally {
      await engine.stop();
    }
  });

  it('commits after answering: a restarted consumer does not take answered messages again', async () => {
    const first = recordingIntake();
    const engine = consumer(first.intake);
    await engine.start();
    for (let i = 0; i < 5; i++) await send('shop-1', JSON.stringify({ commandId: `c-${i}` }));
    await eventuallyExpect(() => expect(results()).toHaveLength(5));
    await engine.stop();

    const second = recordingIntake();
    const restarted = consumer(second.intake);
    await restarted.start();
    try {
      await send('shop-1', JSON.stringify({ commandId: 'c-5' }));
      await eventuallyExpect(() => expect(results()).toHaveLength(6));
      expect(second.calls.map((c) => (c.body as { commandId: string }).commandId)).toEqual(['c-5']);
    } finally {
      await restarted.stop();
    }
  });

  describe('publishing the event log', () => {
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
      readTopic(broker.brokers, topics.events).map((r) => ({ ...r, event: JSON.parse(r.value!) as StoredEvent }));

    it('publishes every event once, keyed by stream, in log order within each stream, then follows live', async () => {
      for (let s = 0; s < 6; s++) await appendTo(`visits-shop-${s}`, 50);
      const saved = checkpoint();
      const publisher = new KafkaEventPublisher(store, kafka.producer(), saved, topics.events);
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
      const first = new KafkaEventPublisher(store, kafka.producer(), saved, topics.events);
      await first.start();
      await eventuallyExpect(() => expect(saved.saved).toBe(40));
      await first.stop();
      await appendTo('visits-shop-1', 25);
      const second = new KafkaEventPublisher(store, kafka.producer(), saved, topics.events);
      await second.start();
      try {
        await eventuallyExpect(() => expect(saved.saved).toBe(65));
        expect(published().map((r) => r.event.position)).toEqual(Array.from({ length: 65 }, (_, i) => i + 1));
      } finally {
        await second.stop();
      }
    });
  });
});
