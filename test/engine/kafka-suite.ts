import { describeWith, eventuallyExpect, produceWithKcat, readTopic, type Service } from '@sce/test-stack';
import { hostileEnvelope } from '@sce/contracts/testkit';
import fc from 'fast-check';
import { Kafka, logLevel } from 'kafkajs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client, startEngine, type Engine } from './engine-harness';
import { schemaMismatch } from './schema-check';

export const TOPICS = {
  commands: 'sce.commands',
  results: 'sce.command-results',
  dead: 'sce.commands.dead-letter',
  events: 'sce.events',
};

/** The topics the engine uses, with the partitions the suite expects. */
export const TOPIC_PARTITIONS: [string, number][] = [
  [TOPICS.commands, 3],
  [TOPICS.results, 1],
  [TOPICS.dead, 1],
  [TOPICS.events, 3],
];

/** A broker the suite runs against, its topics already made. */
export interface TestBroker {
  brokers: string[];
  /** Takes the (single) broker off the network, or puts it back; where the broker allows it. */
  setBroker?(id: number, state: 'down' | 'up'): Promise<void>;
  stop(): Promise<void> | void;
}

/**
 * Commands over Kafka, results and events back, against any broker: the librdkafka mock here, a
 * real Kafka under testcontainers where a container runtime exists. kcat is the other client.
 */
export function kafkaSuite(
  needs: Service[],
  title: string,
  startBroker: () => Promise<TestBroker>,
  { outage = true }: { outage?: boolean } = {},
): void {
  describeWith(needs, title, () => {
    let broker: TestBroker;
    let dataDir: string;
    let engine: Engine;
    let platformKey: string;
    let sellerKey: string;
    let otherSellerKey: string;

    const start = () =>
      startEngine({
        SCE_DATA_DIR: dataDir,
        SCE_KAFKA_BROKERS: broker.brokers.join(','),
        SCE_KAFKA_SESSION_TIMEOUT_MS: '6000',
      });
    const head = async () =>
      ((await client(engine.url).get('/health')).body as { details: { eventStore: { head: number } } }).details
        .eventStore.head;
    const results = () =>
      readTopic(broker.brokers, TOPICS.results).map((r) => ({
        ...r,
        result: JSON.parse(r.value!) as Record<string, unknown>,
      }));
    const resultsFor = (commandId: string) => results().filter((r) => r.key === commandId);
    /** Waits until the events topic holds the log's last position; returns that position. */
    const publishedUpToHead = async (timeoutMs = 30_000) => {
      const last = await head();
      const published = () => readTopic(broker.brokers, TOPICS.events).map((r) => Number(r.headers.position));
      await eventuallyExpect(() => expect(Math.max(...published())).toBe(last), timeoutMs);
      return last;
    };
    /** A well-formed command message: it must validate against the published schema (poison ones are built by hand). */
    const command = (commandId: string, type: string, payload: object, shopId = 'shop-1') => {
      const envelope = { commandId, type, shopId, payload };
      expect(schemaMismatch('commands', envelope)).toBeUndefined();
      return JSON.stringify(envelope);
    };
    const sendAs = (key: string, commandId: string, body: string, shopId = 'shop-1') =>
      produceWithKcat(broker.brokers, TOPICS.commands, shopId, body, {
        authorization: `Bearer ${key}`,
        'correlation-id': `corr-${commandId}`,
      });

    beforeAll(async () => {
      broker = await startBroker();
      dataDir = mkdtempSync(join(tmpdir(), 'sce-kafka-e2e-'));
      engine = await start();
      platformKey = engine.platformKey;
      const platform = client(engine.url, platformKey);
      await platform.send('RegisterShop', 'shop-1', { name: 'One', sellerId: 's1', timeZone: 'UTC', currency: 'USD' });
      await platform.send('RegisterShop', 'shop-2', { name: 'Two', sellerId: 's2', timeZone: 'UTC', currency: 'USD' });
      const key = async (shopId: string) =>
        (
          (await platform.call('POST', '/v1/api-keys', { name: 'seller', role: 'SELLER', shopId })).body as {
            key: string;
          }
        ).key;
      sellerKey = await key('shop-1');
      otherSellerKey = await key('shop-2');
    });
    afterAll(async () => {
      await engine?.stop();
      await broker?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('decides a command sent with kcat and answers on the results topic; the read model shows it', async () => {
      sendAs(
        sellerKey,
        'k-1',
        command('k-1', 'ListProduct', { productId: 'p-1', title: 'Hoodie', price: 4500, stock: 3 }),
      );
      await eventuallyExpect(() => expect(resultsFor('k-1')).toHaveLength(1), 30_000);
      const [answer] = resultsFor('k-1');
      expect(answer!.result).toMatchObject({
        commandId: 'k-1',
        status: 'accepted',
        streams: expect.arrayContaining([{ stream: 'product-shop-1/p-1', revision: 0 }]),
      });
      expect(answer!.headers).toMatchObject({ 'correlation-id': 'corr-k-1', 'command-id': 'k-1' });
      const seller = client(engine.url, sellerKey);
      await eventuallyExpect(async () =>
        expect((await seller.get('/v1/shops/shop-1/products')).body).toMatchObject({
          products: [{ productId: 'p-1' }],
        }),
      );
    });

    it('answers a redelivered command with its first outcome and writes nothing', async () => {
      const before = await head();
      const body = command('k-1', 'ListProduct', { productId: 'p-1', title: 'Hoodie', price: 4500, stock: 3 });
      sendAs(sellerKey, 'k-1', body);
      await eventuallyExpect(() => expect(resultsFor('k-1')).toHaveLength(2), 30_000);
      const [first, again] = resultsFor('k-1');
      expect(again!.result).toEqual(first!.result);
      expect(await head()).toBe(before);
    });

    it('answers bad messages with the reason, copies them to the dead-letter topic, and writes nothing', async () => {
      const before = await head();
      sendAs(
        sellerKey,
        'k-bad',
        JSON.stringify({
          commandId: 'k-bad',
          type: 'ListProduct',
          shopId: 'shop-1',
          payload: { productId: 'p-2', title: 'Cap', price: 1500, stock: -1 },
        }),
      );
      sendAs(
        'not-a-key',
        'k-anon',
        command('k-anon', 'ListProduct', { productId: 'p-3', title: 'Cap', price: 1500, stock: 1 }),
      );
      produceWithKcat(broker.brokers, TOPICS.commands, 'shop-1', '{"commandId": "k-json",', {
        authorization: `Bearer ${sellerKey}`,
      });
      sendAs(
        otherSellerKey,
        'k-other',
        command('k-other', 'ListProduct', { productId: 'p-4', title: 'Cap', price: 1500, stock: 1 }),
      );
      await eventuallyExpect(() => expect(readTopic(broker.brokers, TOPICS.dead)).toHaveLength(3), 30_000);
      await eventuallyExpect(() => expect(resultsFor('k-other')).toHaveLength(1), 30_000);
      expect(resultsFor('k-bad')[0]!.result).toMatchObject({
        status: 'invalid',
        errors: [expect.objectContaining({ field: 'payload.stock' })],
      });
      expect(resultsFor('k-anon')[0]!.result).toMatchObject({ status: 'rejected', code: 'auth.unauthenticated' });
      expect(resultsFor('k-other')[0]!.result).toMatchObject({ status: 'rejected', code: 'auth.not-own-shop' });
      const dead = readTopic(broker.brokers, TOPICS.dead);
      expect(dead.map((d) => d.headers['sce-error'])).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/payload\.stock/),
          'unknown, revoked or expired API key',
          expect.stringMatching(/not JSON/),
        ]),
      );
      expect(dead.find((d) => /not JSON/.test(d.headers['sce-error']!))!.value).toBe('{"commandId": "k-json",');
      expect(await head()).toBe(before);
    });

    it('dead-letters poison messages with the reason and answers the valid command behind each', async () => {
      const before = await head();
      let deep = '"v"';
      for (let i = 0; i < 5000; i++) deep = `[${deep}]`;
      const poison: [string, string][] = [
        [
          'k-ctor',
          '{"commandId":"k-ctor","type":"RecordVisit","shopId":"shop-1","payload":{"visitorId":{"constructor":1}}}',
        ],
        ['k-deep', `{"commandId":"k-deep","type":"RecordVisit","shopId":"shop-1","payload":{"visitorId":${deep}}}`],
        [
          'k-week',
          '{"commandId":"k-week","type":"ListProduct","shopId":"shop-1","payload":{"productId":"p-w","title":"W","price":100,"stock":1},"metadata":{"occurredAt":"2026-W48-5"}}',
        ],
      ];
      for (const [id, body] of poison) {
        produceWithKcat(broker.brokers, TOPICS.commands, 'shop-1', body, { authorization: `Bearer ${platformKey}` });
        sendAs(
          sellerKey,
          `${id}-next`,
          command(`${id}-next`, 'ListProduct', { productId: `${id}-p`, title: 'Ok', price: 100, stock: 1 }),
        );
      }
      for (const [id] of poison) {
        await eventuallyExpect(() => expect(resultsFor(`${id}-next`)).toHaveLength(1), 30_000);
        expect(resultsFor(`${id}-next`)[0]!.result).toMatchObject({ status: 'accepted' });
        expect(resultsFor(id)[0]!.result).toMatchObject({
          status: 'invalid',
          errors: [expect.objectContaining({ field: expect.any(String) })],
        });
      }
      const dead = readTopic(broker.brokers, TOPICS.dead);
      for (const [, body] of poison)
        expect(dead.find((d) => d.value === body)?.headers['sce-error']).toMatch(/^invalid: /);
      expect((await client(engine.url).get('/health')).body).toMatchObject({
        status: 'ok',
        details: { kafka: { status: 'up', consumer: 'joined' } },
      });
      expect(await head()).toBe(before + poison.length);
    });

    it('answers every one of 300 hostile envelopes (property-based) and keeps taking commands', async () => {
      const platform = client(engine.url, platformKey);
      const keyOf: Record<string, string> = { PLATFORM: platformKey, SELLER: sellerKey };
      for (const role of ['BUYER', 'SYSTEM', 'ANALYST'])
        keyOf[role] = (await platform.call<{ key: string }>('POST', '/v1/api-keys', { name: role, role })).body.key;
      const cases = fc.sample(hostileEnvelope, { numRuns: 300, seed: 42 });
      const before = await head();
      const producer = new Kafka({ brokers: broker.brokers, logLevel: logLevel.NOTHING }).producer();
      await producer.connect();
      await producer.send({
        topic: TOPICS.commands,
        messages: cases.map(({ command, body }, i) => ({
          key: 'shop-1',
          value: JSON.stringify(body),
          headers: { authorization: `Bearer ${keyOf[command.metadata.actor.role]}`, 'correlation-id': `fz-${i}` },
        })),
      });
      await producer.disconnect();
      const answers = () => results().filter((r) => /^fz-\d+$/.test(r.headers['correlation-id'] ?? ''));
      await eventuallyExpect(() => expect(answers()).toHaveLength(cases.length), 60_000);
      const outcomes = answers().map((r) => r.result as { status: string; positions?: number[] });
      expect(outcomes.filter((o) => !['accepted', 'rejected', 'invalid'].includes(o.status))).toEqual([]);
      const written = outcomes.reduce((n, o) => n + (o.status === 'accepted' ? o.positions!.length : 0), 0);
      expect(await head()).toBe(before + written);
      expect((await client(engine.url).get('/health')).body).toMatchObject({
        details: { kafka: { consumer: 'joined' } },
      });
    });

    it('publishes every event of the log once, keyed by stream, with its position', async () => {
      const last = await head();
      await eventuallyExpect(async () =>
        expect((await client(engine.url).get('/health')).body).toMatchObject({
          status: 'ok',
          details: { kafka: { status: 'up', consumer: 'joined', publishedPosition: last, publishLag: 0 } },
        }),
      );
      await eventuallyExpect(() => expect(readTopic(broker.brokers, TOPICS.events)).toHaveLength(last), 30_000);
      const events = readTopic(broker.brokers, TOPICS.events).map((r) => ({ key: r.key, event: JSON.parse(r.value!) }));
      expect(events.map((e) => e.event.position).sort((a: number, b: number) => a - b)).toEqual(
        Array.from({ length: last }, (_, i) => i + 1),
      );
      for (const { key, event } of events) {
        expect(key).toBe(event.stream);
        expect(schemaMismatch('events', event)).toBeUndefined();
      }
      for (const { result } of results()) expect(schemaMismatch('results', result)).toBeUndefined();
      // CloudEvents binary mode, read with kcat, against the log itself.
      const log = new Map(events.map(({ event }) => [event.id, event]));
      for (const { headers } of readTopic(broker.brokers, TOPICS.events)) {
        const event = log.get(headers.ce_id!)!;
        expect(headers).toMatchObject({
          ce_specversion: '1.0',
          ce_source: 'urn:sce:seller-center-engine',
          ce_type: event.type,
          ce_subject: event.stream,
          ce_time: event.metadata.occurredAt,
          'content-type': 'application/json',
        });
      }
      expect(events.map((e) => e.event.type)).toEqual(expect.arrayContaining(['ShopRegistered', 'ProductListed']));
    });

    (outage ? it : it.skip)(
      `keeps taking commands over HTTP while the broker is away, and publishes what it missed once back${outage ? '' : ' [skipped: this broker cannot be taken down]'}`,
      async () => {
        const seller = client(engine.url, sellerKey);
        await broker.setBroker!(1, 'down');
        try {
          for (let i = 0; i < 5; i++)
            expect(
              await seller.send('ListProduct', 'shop-1', {
                productId: `outage-${i}`,
                title: 'Cap',
                price: 900,
                stock: 1,
              }),
            ).toMatchObject({ status: 200, body: { status: 'accepted' } });
          // Long enough for the publisher's send and then its reconnect to give up (kafkajs: about 10 s each).
          await new Promise((resolve) => setTimeout(resolve, 35_000));
          expect(engine.process.exitCode).toBeNull();
        } finally {
          await broker.setBroker!(1, 'up');
        }
        await publishedUpToHead(60_000);
        expect(engine.process.exitCode).toBeNull();
        // The command consumer came back by itself too.
        sendAs(
          sellerKey,
          'k-after-outage',
          command('k-after-outage', 'ListProduct', { productId: 'p-outage', title: 'Cap', price: 900, stock: 1 }),
        );
        await eventuallyExpect(() => expect(resultsFor('k-after-outage')).toHaveLength(1), 60_000);
      },
    );

    it('refuses to start when the brokers do not answer, naming the setting and showing what kafkajs saw', async () => {
      const failed = startEngine({ SCE_KAFKA_BROKERS: '127.0.0.1:1' });
      await expect(failed).rejects.toThrow(
        /Kafka at 127\.0\.0\.1:1 \(SCE_KAFKA_BROKERS\) did not answer: .*ECONNREFUSED/,
      );
      await expect(failed).rejects.toThrow(/"context":"Kafka".*"namespace":"BrokerPool"/);
    });

    it('loses nothing and writes nothing twice when the engine is killed mid-stream and restarted', async () => {
      const producer = new Kafka({ brokers: broker.brokers, logLevel: logLevel.NOTHING }).producer();
      await producer.connect();
      // Many of the consumer's chunks (1,000 messages each answer together), so a kill lands between two:
      // 4,000 were all answered before the first answer was seen since a key's messages became one run.
      const total = 12_000;
      const messages = Array.from({ length: total }, (_, i) => ({
        key: 'shop-1',
        value: command(`bulk-${i}`, 'ListProduct', { productId: `bulk-${i}`, title: 'Tee', price: 1000, stock: 1 }),
        headers: { authorization: `Bearer ${sellerKey}` },
      }));
      for (let from = 0; from < total; from += 1000)
        await producer.send({ topic: TOPICS.commands, messages: messages.slice(from, from + 1000) });
      await producer.disconnect();
      const answered = () =>
        new Set(
          results()
            .filter((r) => r.key?.startsWith('bulk-'))
            .map((r) => r.key),
        ).size;
      await eventuallyExpect(() => expect(answered()).toBeGreaterThan(0), 30_000);
      engine.process.kill('SIGKILL');
      await new Promise((resolve) => engine.process.once('exit', resolve));
      // Killed mid-stream: some answered, not all (else this test would prove nothing).
      expect(answered()).toBeLessThan(total);
      engine = await start();

      await eventuallyExpect(() => expect(answered()).toBe(total), 90_000);
      for (const r of results().filter((x) => x.key?.startsWith('bulk-')))
        expect(r.result).toMatchObject({ status: 'accepted' });
      await publishedUpToHead();
      const listed = readTopic(broker.brokers, TOPICS.events)
        .map((r) => JSON.parse(r.value!) as { type: string; stream: string; position: number })
        .filter((e) => e.type === 'ProductListed' && e.stream.includes('/bulk-'));
      const positions = new Set(listed.map((e) => e.position));
      const streams = new Set(listed.map((e) => e.stream));
      // Every command wrote its one event once (a replayed batch on Kafka repeats positions, never adds events).
      expect(streams.size).toBe(total);
      expect(positions.size).toBe(total);
    });
  });
}
