import { DEFAULT_TOPICS } from '@sce/kafka';
import { resolve } from 'node:path';

export interface EngineConfig {
  store: 'sqlite' | 'postgres' | 'kurrentdb';
  readModels: 'sqlite' | 'postgres';
  dataDir: string;
  /** The SQLite event store's commits: `full` survives a power cut, `normal` only a process crash. */
  sqliteSynchronous: 'full' | 'normal';
  postgresUrl: string;
  postgresSchema: string;
  /** Connections of the PostgreSQL event store's pool: concurrent appends and reads. */
  postgresPoolSize: number;
  kurrentDbUrl: string;
  host: string;
  port: number;
  bodyLimitBytes: number;
  /** API requests worked on at once; more are answered 503 with Retry-After at once. */
  httpMaxInFlight: number;
  /** Where API keys live: the PostgreSQL schema when PostgreSQL holds the log or the read models, else `keys.db` in dataDir. */
  keyStore: 'sqlite' | 'postgres';
  /** Where the first start writes its development PLATFORM key (removed once the key is used). */
  firstKeyFile: string;
  /** The JSON key file of older engines: taken into the key store on start, if it exists. */
  legacyKeysFile: string;
  logLevel: string;
  /** Under load, projections wait this long after a short batch to gather the next (ms). */
  projectionLingerMs: number;
  /** A stream gets a snapshot once it has grown this many events past its last one (0: none; ADR 16). */
  snapshotEvery: number;
  /**
   * Serve the read models in `dataDir` (a `replay --out` directory, or a stopped engine's) and
   * nothing else: no command intake, projections, timers or Kafka, no event log opened (ADR 21).
   */
  readOnly: boolean;
  /** Kafka transport: off when no brokers are given. */
  kafka?: KafkaConfig;
  /**
   * Tests only: the engine's clock stands at this instant (canonical UTC) and moves only when told
   * (`PUT /v1/test/clock`). Off unless `SCE_TEST_CLOCK` is set; never set it in production.
   */
  testClock?: string;
}

export interface KafkaConfig {
  brokers: string[];
  clientId: string;
  groupId: string;
  topics: { commands: string; results: string; deadLetters: string; events: string };
  /** Publish the event log to `topics.events`. */
  publishEvents: boolean;
  /** How long the group waits for a silent engine before handing its partitions to another. */
  sessionTimeoutMs: number;
}

/** Thrown at start with every setting that is wrong, so a user fixes them all at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[], problems: string[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  problems.push(`${name}=${value} is not one of ${allowed.join(', ')}`);
  return allowed[0]!;
}

function integer(name: string, value: string, min: number, max: number, problems: string[]): number {
  // Digits only: Number() would also take '1e3', '0x10', ' 12 ' and '' (as 0).
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max)
    problems.push(`${name}=${value} must be a whole number from ${min} to ${max}`);
  return n;
}

function instant(name: string, value: string | undefined, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) problems.push(`${name}=${value} must be an instant such as 2026-11-27T15:04:05Z`);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/**
 * The engine's settings, from the environment (README lists them). Defaults run the embedded
 * SQLite store and read models in ./data on 127.0.0.1:3000.
 * @throws ConfigError naming every bad setting.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): EngineConfig {
  const problems: string[] = [];
  const store = oneOf('SCE_STORE', env.SCE_STORE ?? 'sqlite', ['sqlite', 'postgres', 'kurrentdb'] as const, problems);
  const readModels = oneOf(
    'SCE_READ_MODELS',
    env.SCE_READ_MODELS ?? (store === 'postgres' ? 'postgres' : 'sqlite'),
    ['sqlite', 'postgres'] as const,
    problems,
  );
  const postgresUrl = env.SCE_POSTGRES_URL ?? '';
  if ((store === 'postgres' || readModels === 'postgres') && !/^postgres(ql)?:\/\//.test(postgresUrl)) {
    problems.push(
      'SCE_POSTGRES_URL must be a postgres:// connection string when SCE_STORE or SCE_READ_MODELS is postgres',
    );
  }
  const kurrentDbUrl = env.SCE_KURRENTDB_URL ?? '';
  if (store === 'kurrentdb' && !/^(kurrentdb|esdb|kdb)(\+discover)?:\/\//.test(kurrentDbUrl)) {
    problems.push('SCE_KURRENTDB_URL must be a kurrentdb:// connection string when SCE_STORE is kurrentdb');
  }
  const dataDir = resolve(env.SCE_DATA_DIR ?? 'data');
  const config: EngineConfig = {
    store,
    readModels,
    dataDir,
    sqliteSynchronous: oneOf(
      'SCE_SQLITE_SYNCHRONOUS',
      env.SCE_SQLITE_SYNCHRONOUS ?? 'full',
      ['full', 'normal'] as const,
      problems,
    ),
    postgresUrl,
    postgresSchema: env.SCE_POSTGRES_SCHEMA ?? 'sce',
    postgresPoolSize: integer('SCE_POSTGRES_POOL_SIZE', env.SCE_POSTGRES_POOL_SIZE ?? '10', 1, 100, problems),
    kurrentDbUrl,
    host: env.HOST ?? '127.0.0.1',
    port: integer('PORT', env.PORT ?? '3000', 0, 65535, problems),
    bodyLimitBytes: integer(
      'SCE_BODY_LIMIT_BYTES',
      env.SCE_BODY_LIMIT_BYTES ?? String(256 * 1024),
      1024,
      50 * 1024 * 1024,
      problems,
    ),
    httpMaxInFlight: integer('SCE_HTTP_MAX_IN_FLIGHT', env.SCE_HTTP_MAX_IN_FLIGHT ?? '128', 1, 100_000, problems),
    keyStore: store === 'postgres' || readModels === 'postgres' ? 'postgres' : 'sqlite',
    firstKeyFile: resolve(dataDir, 'first-platform-key.txt'),
    legacyKeysFile: resolve(env.SCE_API_KEYS_FILE ?? `${dataDir}/api-keys.json`),
    logLevel: oneOf(
      'SCE_LOG_LEVEL',
      env.SCE_LOG_LEVEL ?? 'info',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      problems,
    ),
    projectionLingerMs: integer('SCE_PROJECTION_LINGER_MS', env.SCE_PROJECTION_LINGER_MS ?? '20', 0, 1000, problems),
    snapshotEvery: integer('SCE_SNAPSHOT_EVERY', env.SCE_SNAPSHOT_EVERY ?? '1000', 0, 10_000_000, problems),
    readOnly: oneOf('SCE_READ_ONLY', env.SCE_READ_ONLY ?? 'false', ['true', 'false'] as const, problems) === 'true',
  };
  const kafka = kafkaConfig(env, problems);
  if (config.readOnly) readOnlyProblems(config, kafka, problems);
  const testClock = instant('SCE_TEST_CLOCK', env.SCE_TEST_CLOCK, problems);
  if (problems.length) throw new ConfigError(problems);
  return { ...config, ...(kafka ? { kafka } : {}), ...(testClock ? { testClock } : {}) };
}

/** A read-only engine serves an embedded read-model file and takes no commands from anywhere. */
function readOnlyProblems(config: EngineConfig, kafka: KafkaConfig | undefined, problems: string[]): void {
  if (config.readModels !== 'sqlite')
    problems.push('SCE_READ_ONLY=true serves the SQLite read models of SCE_DATA_DIR: SCE_READ_MODELS must be sqlite');
  if (kafka) problems.push('SCE_READ_ONLY=true takes no commands: leave SCE_KAFKA_BROKERS unset');
}

function kafkaConfig(env: NodeJS.ProcessEnv, problems: string[]): KafkaConfig | undefined {
  if (!env.SCE_KAFKA_BROKERS) return undefined;
  const brokers = env.SCE_KAFKA_BROKERS.split(',').map((b) => b.trim());
  for (const broker of brokers)
    if (!/^[\w.-]+:\d{1,5}$/.test(broker)) problems.push(`SCE_KAFKA_BROKERS: "${broker}" is not host:port`);
  return {
    brokers,
    clientId: env.SCE_KAFKA_CLIENT_ID ?? 'sce-engine',
    groupId: env.SCE_KAFKA_GROUP ?? 'sce-engine',
    topics: {
      commands: env.SCE_KAFKA_COMMANDS_TOPIC ?? DEFAULT_TOPICS.commands,
      results: env.SCE_KAFKA_RESULTS_TOPIC ?? DEFAULT_TOPICS.results,
      deadLetters: env.SCE_KAFKA_DEAD_LETTER_TOPIC ?? DEFAULT_TOPICS.deadLetters,
      events: env.SCE_KAFKA_EVENTS_TOPIC ?? DEFAULT_TOPICS.events,
    },
    sessionTimeoutMs: integer(
      'SCE_KAFKA_SESSION_TIMEOUT_MS',
      env.SCE_KAFKA_SESSION_TIMEOUT_MS ?? '30000',
      6000,
      300_000,
      problems,
    ),
    publishEvents:
      oneOf(
        'SCE_KAFKA_PUBLISH_EVENTS',
        env.SCE_KAFKA_PUBLISH_EVENTS ?? 'true',
        ['true', 'false'] as const,
        problems,
      ) === 'true',
  };
}
