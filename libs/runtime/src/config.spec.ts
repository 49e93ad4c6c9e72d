import { ConfigError, loadConfig } from './config';

describe('engine configuration', () => {
  it('runs without Kafka unless brokers are given', () => {
    expect(loadConfig({}).kafka).toBeUndefined();
  });

  it('takes Kafka brokers, group and topics from the environment', () => {
    const { kafka } = loadConfig({
      SCE_KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092',
      SCE_KAFKA_GROUP: 'engines',
      SCE_KAFKA_EVENTS_TOPIC: 'shop.events',
    });
    expect(kafka).toMatchObject({
      brokers: ['kafka-1:9092', 'kafka-2:9092'],
      groupId: 'engines',
      topics: { commands: 'sce.commands', results: 'sce.command-results', events: 'shop.events' },
      publishEvents: true,
      sessionTimeoutMs: 30_000,
    });
  });

  it('names every bad Kafka setting at once', () => {
    const load = () =>
      loadConfig({ SCE_KAFKA_BROKERS: 'kafka-1', SCE_KAFKA_PUBLISH_EVENTS: 'yes', SCE_KAFKA_SESSION_TIMEOUT_MS: '10' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/SCE_KAFKA_BROKERS: "kafka-1" is not host:port/);
    expect(load).toThrow(/SCE_KAFKA_PUBLISH_EVENTS=yes is not one of true, false/);
    expect(load).toThrow(/SCE_KAFKA_SESSION_TIMEOUT_MS=10 must be a whole number from 6000/);
  });

  it('lets projections linger 20 ms under load unless told otherwise, and refuses a bad value', () => {
    expect(loadConfig({}).projectionLingerMs).toBe(20);
    expect(loadConfig({ SCE_PROJECTION_LINGER_MS: '0' }).projectionLingerMs).toBe(0);
    expect(() => loadConfig({ SCE_PROJECTION_LINGER_MS: '-5' })).toThrow(
      /SCE_PROJECTION_LINGER_MS=-5 must be a whole number from 0 to 1000/,
    );
  });

  it('snapshots a stream every 1,000 events unless told otherwise (0: never), and refuses a bad value', () => {
    expect(loadConfig({}).snapshotEvery).toBe(1000);
    expect(loadConfig({ SCE_SNAPSHOT_EVERY: '0' }).snapshotEvery).toBe(0);
    expect(() => loadConfig({ SCE_SNAPSHOT_EVERY: 'often' })).toThrow(
      /SCE_SNAPSHOT_EVERY=often must be a whole number/,
    );
  });

  it('pools 10 PostgreSQL connections unless told otherwise, and refuses a bad size', () => {
    expect(loadConfig({}).postgresPoolSize).toBe(10);
    expect(loadConfig({ SCE_POSTGRES_POOL_SIZE: '16' }).postgresPoolSize).toBe(16);
    expect(() => loadConfig({ SCE_POSTGRES_POOL_SIZE: '0' })).toThrow(
      /SCE_POSTGRES_POOL_SIZE=0 must be a whole number from 1 to 100/,
    );
  });

  it.each(['1e3', '0x10', ' 12', '12.0', '', '-1', '+5'])('refuses %j as a whole number', (value) => {
    expect(() => loadConfig({ PORT: value })).toThrow(/PORT=.* must be a whole number from 0 to 65535/);
  });

  it('flushes SQLite commits to disk unless told to trade that for speed', () => {
    expect(loadConfig({}).sqliteSynchronous).toBe('full');
    expect(loadConfig({ SCE_SQLITE_SYNCHRONOUS: 'normal' }).sqliteSynchronous).toBe('normal');
    expect(() => loadConfig({ SCE_SQLITE_SYNCHRONOUS: 'off' })).toThrow(
      /SCE_SQLITE_SYNCHRONOUS=off is not one of full, normal/,
    );
  });

  it('runs on the real clock unless a test clock is asked for, at an instant', () => {
    expect(loadConfig({}).testClock).toBeUndefined();
    expect(loadConfig({ SCE_TEST_CLOCK: '2026-11-27T08:00:00-08:00' }).testClock).toBe('2026-11-27T16:00:00.000Z');
    expect(() => loadConfig({ SCE_TEST_CLOCK: 'yes' })).toThrow(/SCE_TEST_CLOCK=yes must be an instant/);
  });

  it('serves read-only only when told, from SQLite read models and without Kafka', () => {
    expect(loadConfig({}).readOnly).toBe(false);
    expect(loadConfig({ SCE_READ_ONLY: 'true' }).readOnly).toBe(true);
    expect(() => loadConfig({ SCE_READ_ONLY: 'yes' })).toThrow(/SCE_READ_ONLY=yes is not one of true, false/);
    const load = () =>
      loadConfig({
        SCE_READ_ONLY: 'true',
        SCE_READ_MODELS: 'postgres',
        SCE_POSTGRES_URL: 'postgres://localhost/sce',
        SCE_KAFKA_BROKERS: 'kafka-1:9092',
      });
    expect(load).toThrow(/SCE_READ_MODELS must be sqlite/);
    expect(load).toThrow(/leave SCE_KAFKA_BROKERS unset/);
  });
});
