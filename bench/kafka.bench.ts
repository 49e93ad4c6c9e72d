// npm run bench:kafka — commands through Kafka end to end: N RecordVisit over 20 shops produced with
// kafkajs onto the test broker (librdkafka's mock cluster, 3 command partitions), the engine on
// SQLite in its own process, every result awaited; then how fast the log goes out on sce.events.
// Writes bench/results/kafka.json.
import { startKafkaMock } from '@sce/test-stack';
import { Kafka, logLevel } from 'kafkajs';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { writeResults } from './bench-kit';

const COMMANDS = Number(process.env.SCE_BENCH_KAFKA_COMMANDS ?? 20_000);
const SHOPS = 20;
const TOPICS = {
  commands: 'sce.commands',
  results: 'sce.command-results',
  dead: 'sce.commands.dead-letter',
  events: 'sce.events',
};

async function main() {
  const broker = await startKafkaMock(1);
  await broker.createTopic(TOPICS.commands, 3);
  await broker.createTopic(TOPICS.results, 3);
  await broker.createTopic(TOPICS.dead, 1);
  await broker.createTopic(TOPICS.events, 3);
  const brokers = broker.brokers.join(',');
  const dataDir = mkdtempSync(join(tmpdir(), 'sce-bench-kafka-'));
  // SCE_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=tmp/prof" profiles the engine.
  const nodeArgs = process.env.SCE_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, join(__dirname, '../tools/start.js')], {
    env: { ...process.env, SCE_DATA_DIR: dataDir, PORT: '0', SCE_LOG_LEVEL: 'warn', SCE_KAFKA_BROKERS: brokers },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve) =>
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const found = line.match(/listening on (http:\/\/\S+)/);
      if (found) resolve(found[1]!);
    }),
  );
  const platformKey = readFileSync(join(dataDir, 'first-platform-key.txt'), 'utf8').trim();
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${platformKey}` },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return response.json() as Promise<{ key: string }>;
  };
  const systemKey = (await post('/v1/api-keys', { name: 'bench', role: 'SYSTEM' })).key;
  for (let s = 0; s < SHOPS; s++)
    await post('/v1/commands', {
      commandId: `shop-${s}`,
      type: 'RegisterShop',
      shopId: `shop-${s}`,
      payload: { name: `Shop ${s}`, sellerId: `s-${s}`, timeZone: 'UTC', currency: 'USD' },
    });

  const kafka = new Kafka({ brokers: broker.brokers, logLevel: logLevel.NOTHING });
  // Results and events are counted as they arrive: the mock broker drops a partition's oldest messages past a size cap.
  const answered = new Set<string>();
  let lastAnswer = 0;
  let events = 0;
  let firstEvent = 0;
  let lastEvent = 0;
  const watcher = kafka.consumer({ groupId: `bench-${Date.now()}`, maxWaitTimeInMs: 50 });
  await watcher.connect();
  await watcher.subscribe({ topics: [TOPICS.results, TOPICS.events], fromBeginning: false });
  await watcher.run({
    eachBatch: async ({ batch }) => {
      const now = Date.now();
      if (batch.topic === TOPICS.results) {
        for (const m of batch.messages) if (m.key?.toString().startsWith('v-')) answered.add(m.key.toString());
        lastAnswer = now;
      } else {
        firstEvent ||= now;
        events += batch.messages.length;
        lastEvent = now;
      }
    },
  });
  await new Promise((resolve) => setTimeout(resolve, 3000)); // the watcher's group settles

  const producer = kafka.producer();
  await producer.connect();
  const started = Date.now();
  for (let from = 0; from < COMMANDS; from += 1000) {
    await producer.send({
      topic: TOPICS.commands,
      messages: Array.from({ length: Math.min(1000, COMMANDS - from) }, (_, k) => {
        const i = from + k;
        const shopId = `shop-${i % SHOPS}`;
        return {
          key: shopId,
          value: JSON.stringify({
            commandId: `v-${i}`,
            type: 'RecordVisit',
            shopId,
            payload: { visitorId: `visitor-${i % 5000}` },
          }),
          headers: { authorization: `Bearer ${systemKey}` },
        };
      }),
    });
  }
  const produced = Date.now();
  while (answered.size < COMMANDS) {
    if (Date.now() - started > 600_000) throw new Error(`only ${answered.size} of ${COMMANDS} answered in 10 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const seconds = (lastAnswer - started) / 1000;
  console.log(`produced in ${produced - started} ms, answered in ${lastAnswer - started} ms`);
  while (events < COMMANDS) await new Promise((resolve) => setTimeout(resolve, 50));
  const rss = Number(readFileSync(`/proc/${child.pid}/status`, 'utf8').match(/VmHWM:\s+(\d+)/)![1]) / 1024;
  await producer.disconnect();
  await watcher.disconnect();
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  broker.stop();
  rmSync(dataDir, { recursive: true, force: true });
  writeResults('kafka.json', [
    { name: 'kafka.commands_per_sec', unit: 'commands/s', value: Math.round(COMMANDS / seconds) },
    {
      name: 'kafka.events_published_per_sec',
      unit: 'events/s',
      value: Math.round(events / Math.max(0.001, (lastEvent - firstEvent) / 1000)),
    },
    { name: 'kafka.engine_peak_rss_mib', unit: 'MiB', value: Math.round(rss) },
  ]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
