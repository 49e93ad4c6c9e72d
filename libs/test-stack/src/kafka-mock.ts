import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
const buildKafkaMock = require('./kafka-mock-build.js') as () => string;

/** A running librdkafka mock cluster: real Kafka protocol on loopback ports, gone with its parent. */
export interface KafkaMock {
  brokers: string[];
  /** The mock has no CreateTopics API: topics are made through its control channel. */
  createTopic(name: string, partitions: number): Promise<void>;
  /** Takes broker `id` (1..N) off the network, or puts it back: connections drop, requests fail. */
  setBroker(id: number, state: 'down' | 'up'): Promise<void>;
  stop(): void;
}

export async function startKafkaMock(brokers = 1): Promise<KafkaMock> {
  const child = spawn(buildKafkaMock(), [String(brokers)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async () => {
    const line = await lines.next();
    if (line.done) throw new Error('the Kafka mock broker exited');
    return line.value;
  };
  const bootstrap = (await next()).replace(/^bootstrap /, '');
  let queue = Promise.resolve();
  /** One control line at a time: each waits for the answer to the one before. */
  const control = (line: string) => {
    const done = queue.then(async () => {
      child.stdin!.write(`${line}\n`);
      const answer = await next();
      if (answer !== 'ok') throw new Error(`${line}: ${answer}`);
    });
    queue = done.catch(() => undefined);
    return done;
  };
  return {
    brokers: bootstrap.split(','),
    createTopic(name, partitions) {
      return control(`topic ${name} ${partitions}`);
    },
    setBroker(id, state) {
      return control(`${state} ${id}`);
    },
    stop() {
      child.stdin!.end();
      child.kill('SIGTERM');
    },
  };
}

export interface TopicRecord {
  partition: number;
  offset: number;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/**
 * Everything on `topic` so far, read by kcat: a client independent of kafkajs, so what the engine
 * wrote is checked by another implementation of the protocol.
 */
export function readTopic(brokers: string[], topic: string): TopicRecord[] {
  const run = spawnSync('kcat', ['-C', '-b', brokers.join(','), '-t', topic, '-o', 'beginning', '-e', '-q', '-J'], {
    encoding: 'utf8',
    timeout: 20_000,
    maxBuffer: 512 * 1024 * 1024, // the default 1 MiB cuts a topic of a few thousand results mid-line
  });
  if (run.status !== 0) throw new Error(`kcat could not read ${topic}: ${run.stderr || run.error}`);
  return run.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const r = JSON.parse(line) as {
        partition: number;
        offset: number;
        key: string | null;
        payload: string | null;
        headers?: string[];
      };
      const pairs = r.headers ?? [];
      const headers: Record<string, string> = {};
      for (let i = 0; i < pairs.length; i += 2) headers[pairs[i]!] = pairs[i + 1]!;
      return { partition: r.partition, offset: r.offset, key: r.key, value: r.payload, headers };
    });
}

/** Produces one message with kcat (key, value, headers), as another service might. */
export function produceWithKcat(
  brokers: string[],
  topic: string,
  key: string,
  value: string,
  headers: Record<string, string> = {},
): void {
  const args = ['-P', '-b', brokers.join(','), '-t', topic, '-K', '\t', '-X', 'partitioner=murmur2_random'];
  for (const [name, v] of Object.entries(headers)) args.push('-H', `${name}=${v}`);
  const run = spawnSync('kcat', args, { input: `${key}\t${value}\n`, encoding: 'utf8', timeout: 20_000 });
  if (run.status !== 0) throw new Error(`kcat could not produce to ${topic}: ${run.stderr || run.error}`);
}
