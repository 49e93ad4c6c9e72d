import { SqliteEventStore, type StoredEvent } from '@sce/event-store';
import { describeWith, eventuallyExpect, readTopic, startKafkaMock, type KafkaMock } from '@sce/test-stack';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CommandIntake, type IntakeReply } from './command-answer';
import { KafkaCommandConsumer } from './command-consumer';
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

  it('loses nothing when the intake fails retriably: the message comes again and is answered once it succeeds', async () => {
    let failures = 2;
    const { intake, calls } = recordingIntake();
    const flaky: CommandIntake = async (body, apiKey, correlationId): Promise<IntakeReply> => {
      if (failures-- > 0) throw Object.assign(new Error('store unavailable'), { retriable: true });
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

  it('makes a message the intake throws on a dead letter with the reason, and goes on with the next', async () => {
    const { intake, calls } = recordingIntake();
    const problems: string[] = [];
    const poisoned: CommandIntake = async (body, apiKey, correlationId) => {
      if ((body as { commandId: string }).commandId === 'poison') throw new RangeError('Invalid time value');
      return intake(body, apiKey, correlationId);
    };
    const engine = new KafkaCommandConsumer(kafka, {
      groupId: `engine-${suite}`,
      topics,
      intake: poisoned,
      maxWaitTimeInMs: 100,
      sessionTimeout: 6000,
      onProblem: (what) => problems.push(what),
    });
    await engine.start();
    try {
      await send('shop-1', JSON.stringify({ commandId: 'poison' }), { 'correlation-id': 'corr-poison' });
      await send('shop-1', JSON.stringify({ commandId: 'c-after' }));
      await eventuallyExpect(() => expect(results()).toHaveLength(2), 30_000);
      const [first, second] = results();
      expect(JSON.parse(first!.value!)).toEqual({
        commandId: 'poison',
        status: 'error',
        message: 'the engine failed on this message: Invalid time value',
        correlationId: 'corr-poison',
      });
      expect(JSON.parse(second!.value!)).toMatchObject({ commandId: 'c-after', status: 'accepted' });
      const dead = readTopic(broker.brokers, topics.deadLetters);
      expect(dead).toHaveLength(1);
      expect(dead[0]!.headers['sce-error']).toBe('the engine failed on this message: Invalid time value');
      expect(calls.map((c) => (c.body as { commandId: string }).commandId)).toEqual(['c-after']);
      expect(problems).toEqual([expect.stringMatching(/failed on commands-\d+\/\d@0; the message is a dead letter/)]);
      expect(engine.state).toBe('joined');
    } finally {
      await engine.stop();
    }
  });

  it("decides different shops' commands at once and each shop's in its order", async () => {
    const started: string[] = [];
    const finished: string[] = [];
    const intake: CommandIntake = async (body) => {
      const { commandId } = body as { commandId: string };
      started.push(commandId);
      // Shop A's commands are slow: shop B's must not wait behind them, and A's must stay in order.
      if (commandId.startsWith('a-')) await new Promise((resolve) => setTimeout(resolve, 30));
      finished.push(commandId);
      return { commandId, result: { status: 'accepted', commandId } };
    };
    // One partition, so that both shops' messages come in the same batches.
    const single = { ...topics, commands: `${topics.commands}-one` };
    await broker.createTopic(single.commands, 1);
    const engine = new KafkaCommandConsumer(kafka, {
      groupId: `engine-${suite}`,
      topics: single,
      intake,
      maxWaitTimeInMs: 100,
      sessionTimeout: 6000,
    });
    await engine.start();
    try {
      await producer.send({
        topic: single.commands,
        messages: Array.from({ length: 10 }, (_, i) => {
          const id = `${i % 2 ? 'b' : 'a'}-${i}`;
          return { key: `shop-${id[0]}`, value: JSON.stringify({ commandId: id }) };
        }),
      });
      await eventuallyExpect(() => expect(results()).toHaveLength(10), 30_000);
      const ofShop = (shop: string, list: string[]) => list.filter((id) => id.startsWith(shop));
      expect(ofShop('a', finished)).toEqual(['a-0', 'a-2', 'a-4', 'a-6', 'a-8']);
      expect(ofShop('b', finished)).toEqual(['b-1', 'b-3', 'b-5', 'b-7', 'b-9']);
      expect(finished.indexOf('b-9')).toBeLessThan(finished.indexOf('a-2'));
      // The results go out in the partition's order.
      expect(results().map((r) => r.key)).toEqual(Array.from({ length: 10 }, (_, i) => `${i % 2 ? 'b' : 'a'}-${i}`));
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
