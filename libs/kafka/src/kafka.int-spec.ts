import { describeWith, eventuallyExpect, readTopic } from '@sce/test-stack';
import { type CommandIntake, type CommandRunIntake, type IntakeReply } from './command-answer';
import { KafkaCommandConsumer } from './command-consumer';
import { useMockKafka } from './testing/mock-broker';

describeWith('kafka', 'Kafka transport on the librdkafka mock broker', () => {
  const mock = useMockKafka();

  /** A consumer of a commands topic of its own with one partition, started. */
  const onePartition = async (
    suffix: string,
    intakes: Pick<ConstructorParameters<typeof KafkaCommandConsumer>[1], 'intake' | 'runIntake'>,
  ) => {
    const single = { ...mock.topics, commands: `${mock.topics.commands}-${suffix}` };
    await mock.broker.createTopic(single.commands, 1);
    const engine = new KafkaCommandConsumer(mock.kafka, {
      groupId: `engine-${mock.suite}`,
      topics: single,
      ...intakes,
      maxWaitTimeInMs: 100,
      sessionTimeout: 6000,
    });
    await engine.start();
    return { single, engine };
  };

  const send = (key: string, value: string, headers: Record<string, string> = {}) =>
    mock.producer.send({ topic: mock.topics.commands, messages: [{ key, value, headers }] });
  const results = () => readTopic(mock.broker.brokers, mock.topics.results);

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

  function consumer(intake: CommandIntake, groupId = `engine-${mock.suite}`) {
    return new KafkaCommandConsumer(mock.kafka, {
      groupId,
      topics: mock.topics,
      intake,
      maxWaitTimeInMs: 100,
      sessionTimeout: 6000,
    });
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
      expect(readTopic(mock.broker.brokers, mock.topics.deadLetters)).toEqual([]);
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
      await eventuallyExpect(() => expect(readTopic(mock.broker.brokers, mock.topics.deadLetters)).toHaveLength(1));
      const [dead] = readTopic(mock.broker.brokers, mock.topics.deadLetters);
      expect(dead!.value).toBe('{"commandId": "c-1", ');
      expect(dead!.headers['sce-error']).toMatch(/not JSON/);
      expect(dead!.headers['sce-source']).toMatch(new RegExp(`^${mock.topics.commands}/\\d@0$`));
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
    const engine = new KafkaCommandConsumer(mock.kafka, {
      groupId: `engine-${mock.suite}`,
      topics: mock.topics,
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
      const dead = readTopic(mock.broker.brokers, mock.topics.deadLetters);
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
    const { single, engine } = await onePartition('one', { intake });
    try {
      await mock.producer.send({
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

  it("takes a key's messages as one run; after a message it fails on, the rest go in again as a new run", async () => {
    const runs: string[][] = [];
    const runIntake: CommandRunIntake = async (messages) => {
      runs.push(messages.map((m) => (m.body as { commandId: string }).commandId));
      const poisoned = messages.findIndex((m) => (m.body as { commandId: string }).commandId === 'a-2');
      return messages.map(({ body }, i) => {
        const { commandId } = body as { commandId: string };
        if (poisoned !== -1 && i > poisoned) return undefined;
        if (i === poisoned) return { ok: false, error: new RangeError('Invalid time value') };
        return { ok: true, value: { commandId, result: { status: 'accepted', commandId } } };
      });
    };
    const { single, engine } = await onePartition('runs', {
      intake: () => Promise.reject(new Error('not this one')),
      runIntake,
    });
    try {
      await mock.producer.send({
        topic: single.commands,
        messages: ['a-0', 'b-1', 'a-2', 'a-3', 'b-4', 'a-5'].map((id) => ({
          key: `shop-${id[0]}`,
          value: JSON.stringify({ commandId: id }),
        })),
      });
      await eventuallyExpect(() => expect(results()).toHaveLength(6), 30_000);
      expect(runs).toEqual([
        ['a-0', 'a-2', 'a-3', 'a-5'],
        ['b-1', 'b-4'],
        ['a-3', 'a-5'],
      ]);
      expect(results().map((r) => [r.key, JSON.parse(r.value!).status])).toEqual([
        ['a-0', 'accepted'],
        ['b-1', 'accepted'],
        ['a-2', 'error'],
        ['a-3', 'accepted'],
        ['b-4', 'accepted'],
        ['a-5', 'accepted'],
      ]);
      expect(readTopic(mock.broker.brokers, mock.topics.deadLetters).map((d) => d.headers['sce-error'])).toEqual([
        'the engine failed on this message: Invalid time value',
      ]);
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
});
