import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { InMemorySpanExporter, SimpleSpanProcessor, type NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { ApiKeys } from '@sce/access';
import { loadConfig } from '@sce/runtime';
import {
  describeWith,
  eventuallyExpect,
  produceWithKcat,
  readTopic,
  startKafkaMock,
  type KafkaMock,
} from '@sce/test-stack';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../bootstrap';
import { API_KEYS } from '../tokens';
import { startTracing } from './tracing';

const TOPICS = {
  commands: 'sce.commands',
  results: 'sce.command-results',
  dead: 'sce.commands.dead-letter',
  events: 'sce.events',
};
const traceparent = (traceId: string) => `00-${traceId}-00f067aa0ba902b7-01`;
const traceIdOf = (header: string | undefined) => header?.split('-')[1];

describeWith('kafka', 'tracing (OpenTelemetry, in-memory exporter, the Kafka mock broker)', () => {
  let broker: KafkaMock;
  let dir: string;
  let app: NestFastifyApplication;
  let url: string;
  let key: string;
  let sellerKey: string;
  let provider: NodeTracerProvider;
  const exporter = new InMemorySpanExporter();

  beforeAll(async () => {
    provider = startTracing({}, new SimpleSpanProcessor(exporter))!;
    broker = await startKafkaMock(1);
    for (const topic of Object.values(TOPICS)) await broker.createTopic(topic, 1);
    dir = mkdtempSync(join(tmpdir(), 'sce-trace-'));
    const config = loadConfig({
      SCE_DATA_DIR: dir,
      SCE_KAFKA_BROKERS: broker.brokers.join(','),
      SCE_KAFKA_SESSION_TIMEOUT_MS: '6000',
    });
    app = await createEngine(config, { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = await app.getUrl();
    const keys = app.get<ApiKeys>(API_KEYS);
    key = (await keys.create({ name: 'platform', role: 'PLATFORM' })).key;
    sellerKey = (await keys.create({ name: 'seller', role: 'SELLER', shopId: 'shop-1' })).key;
  });
  afterAll(async () => {
    await app?.close();
    await provider?.shutdown();
    broker?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const spansOf = (traceId: string) => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
  const publishedFor = (traceId: string) =>
    readTopic(broker.brokers, TOPICS.events).filter((r) => traceIdOf(r.headers.traceparent) === traceId);

  it('follows an HTTP command from the request through its append to the published event, as one trace', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const answer = await fetch(`${url}/v1/commands`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
        traceparent: traceparent(traceId),
      },
      body: JSON.stringify({
        commandId: 'c-http',
        type: 'RegisterShop',
        shopId: 'shop-1',
        payload: { name: 'One', sellerId: 's', timeZone: 'UTC', currency: 'USD' },
      }),
    });
    expect(answer.status).toBe(200);
    await eventuallyExpect(() => expect(publishedFor(traceId)).toHaveLength(1), 30_000);
    const [published] = publishedFor(traceId);
    expect(JSON.parse(published!.value!).metadata.traceparent).toMatch(new RegExp(`^00-${traceId}-`));
    await eventuallyExpect(() =>
      expect(
        spansOf(traceId)
          .map((s) => s.name)
          .sort(),
      ).toEqual(['POST /v1/commands', 'append RegisterShop', 'sce.events publish']),
    );
  });

  it('follows a Kafka command from its message through its append to the result and the published event', async () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    produceWithKcat(
      broker.brokers,
      TOPICS.commands,
      'shop-1',
      JSON.stringify({
        commandId: 'c-kafka',
        type: 'ListProduct',
        shopId: 'shop-1',
        payload: { productId: 'p-1', title: 'Hoodie', price: 4500, stock: 3 },
      }),
      { authorization: `Bearer ${sellerKey}`, traceparent: traceparent(traceId) },
    );
    await eventuallyExpect(() => expect(publishedFor(traceId)).toHaveLength(1), 30_000);
    const result = readTopic(broker.brokers, TOPICS.results).find((r) => r.key === 'c-kafka')!;
    expect(traceIdOf(result.headers.traceparent)).toBe(traceId);
    await eventuallyExpect(() =>
      expect(
        spansOf(traceId)
          .map((s) => s.name)
          .sort(),
      ).toEqual(['append ListProduct', 'sce.commands process', 'sce.events publish']),
    );
  });
});
