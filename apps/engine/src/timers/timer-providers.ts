import { Logger, type Provider } from '@nestjs/common';
import {
  PostgresTimerStore,
  SettableClock,
  SqliteTimerStore,
  systemClock,
  TimerManager,
  type Clock,
  type CommandHandler,
  type TimerStore,
} from '@sce/application';
import { privateDir, type EventStore } from '@sce/event-store';
import type { ProjectionRunner } from '@sce/projections';
import { dataFiles, type EngineConfig } from '@sce/runtime';
import { join } from 'node:path';
import { Metrics } from '../ops/metrics';
import { NO_TIMERS } from '../read-only/read-only';
import { CLOCK, COMMAND_HANDLER, EVENT_STORE, PROJECTION_RUNNER, TIMER_MANAGER, TIMER_STORE } from '../tokens';

/** The timer table in the event store's database: its PostgreSQL schema, its SQLite file, or a file beside KurrentDB. */
export async function openTimerStore(config: EngineConfig): Promise<TimerStore> {
  if (config.store === 'postgres') return PostgresTimerStore.connect(config.postgresUrl, config.postgresSchema);
  privateDir(config.dataDir);
  return new SqliteTimerStore(
    config.store === 'sqlite' ? dataFiles(config.dataDir).events : join(config.dataDir, 'timers.db'),
  );
}

/** The engine's clock, the timer table and the manager that fires it (only while this engine projects). */
export const timerProviders = (config: EngineConfig): Provider[] => [
  {
    provide: CLOCK,
    useFactory: (): Clock => (config.testClock ? new SettableClock(new Date(config.testClock)) : systemClock),
  },
  { provide: TIMER_STORE, useFactory: () => (config.readOnly ? NO_TIMERS : openTimerStore(config)) },
  {
    provide: TIMER_MANAGER,
    inject: [EVENT_STORE, TIMER_STORE, COMMAND_HANDLER, PROJECTION_RUNNER, CLOCK, Metrics],
    useFactory: (
      events: EventStore,
      timers: TimerStore,
      commands: CommandHandler,
      runner: ProjectionRunner,
      clock: Clock,
      metrics: Metrics,
    ) =>
      new TimerManager(events, timers, commands, {
        clock,
        leading: () => runner.leading,
        onFired: (kind, outcome) => metrics.timersFired.inc({ kind, outcome }),
        onError: (error) => new Logger('Timers').error(`timers: ${String(error)}`),
      }),
  },
];
