/** The roles an API key can have; `keys` holds one key of each. */
export const ROLES = ['PLATFORM', 'SELLER', 'BUYER', 'SYSTEM', 'ANALYST'] as const;
export type Role = (typeof ROLES)[number];

/** The topic names the engine uses (its defaults, or those you configured). */
export interface Topics {
  commands: string;
  results: string;
  deadLetters: string;
  events: string;
}

export const DEFAULT_TOPICS: Topics = {
  commands: 'sce.commands',
  results: 'sce.command-results',
  deadLetters: 'sce.commands.dead-letter',
  events: 'sce.events',
};

/** An engine started for a test suite. */
export interface TestEngine {
  /** Where the HTTP API listens, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** A key of each role; the SELLER key acts on `shopId`. */
  keys: Record<Role, string>;
  /** The shop the SELLER key is bound to (not registered: register it with the PLATFORM key). */
  shopId: string;
  topics: Topics;
  /** How it runs: a child process here, or a container. */
  mode: 'process' | 'container';
  /** Stops it and removes what it made (its data directory). */
  stop(): Promise<void>;
}

export interface EngineOptions {
  /** The shop the SELLER key is made for (default `shop-1`). */
  shopId?: string;
  /** Kafka brokers (`host:port,…`) for the engine to take commands from and publish to. */
  kafkaBrokers?: string;
  /** A PostgreSQL connection string: the engine keeps its log, read models and keys there. */
  postgresUrl?: string;
  postgresSchema?: string;
  /**
   * The engine's clock stands at this instant (RFC 3339) and moves only by {@link setTestClock}.
   * Without it the engine runs the real clock, and its timers (auto-cancel, auto-approve, ...) fire
   * as soon as the deadlines your commands' business times fixed have passed by it.
   */
  testClock?: string;
  /** More environment for the engine (see its README: `SCE_*`). */
  env?: Record<string, string>;
  /** How long to wait for the engine to answer /health (default 120 s). */
  startupTimeoutMs?: number;
}

/** The engine's environment for the options. */
export function engineEnv(options: EngineOptions): Record<string, string> {
  return {
    SCE_LOG_LEVEL: 'warn',
    ...(options.kafkaBrokers ? { SCE_KAFKA_BROKERS: options.kafkaBrokers } : {}),
    ...(options.testClock ? { SCE_TEST_CLOCK: options.testClock } : {}),
    ...(options.postgresUrl
      ? {
          SCE_STORE: 'postgres',
          SCE_POSTGRES_URL: options.postgresUrl,
          SCE_POSTGRES_SCHEMA: options.postgresSchema ?? 'sce',
        }
      : {}),
    ...options.env,
  };
}

/** With the first PLATFORM key, a key of every role: what a suite needs to send any command. */
export async function keysFor(url: string, platformKey: string, shopId: string): Promise<Record<Role, string>> {
  const keys = { PLATFORM: platformKey } as Record<Role, string>;
  for (const role of ROLES.filter((r) => r !== 'PLATFORM')) {
    const answer = await fetch(`${url}/v1/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platformKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `testkit ${role.toLowerCase()}`, role, ...(role === 'SELLER' ? { shopId } : {}) }),
    });
    if (answer.status !== 201)
      throw new Error(`the engine refused a ${role} key: ${answer.status} ${await answer.text()}`);
    keys[role] = ((await answer.json()) as { key: string }).key;
  }
  return keys;
}

/**
 * Moves the clock of an engine started with `testClock`; resolves once the timers due by then
 * have fired (their events are in the log; read models follow as for any command).
 * @throws Error when the engine runs the real clock (it answers 404) or refuses the instant.
 */
export async function setTestClock(engine: Pick<TestEngine, 'url' | 'keys'>, at: string): Promise<void> {
  const answer = await fetch(`${engine.url}/v1/test/clock`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${engine.keys.PLATFORM}`, 'content-type': 'application/json' },
    body: JSON.stringify({ at }),
  });
  if (answer.status !== 200)
    throw new Error(`the engine did not set its clock: ${answer.status} ${await answer.text()}`);
}
