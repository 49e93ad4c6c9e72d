import {
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CommandHandler, type TimerManager, type TimerStore } from '@sce/application';
import type { ApiKeys } from '@sce/access';
import type { EventStore } from '@sce/event-store';
import { ProjectionRunner, READ_MODELS, TimeTravel, type DocStore } from '@sce/projections';
import { openApiKeys, openDocStore, openEventStore, type EngineConfig } from '@sce/runtime';
import { Metrics } from './ops/metrics';
import { ReadDocs } from './queries/time-travel/read-docs';
import { openServedDocs, ServedLog } from './read-only/read-only';
import { timerProviders } from './timers/timer-providers';
import {
  API_KEYS,
  CLOCK,
  COMMAND_HANDLER,
  CONFIG,
  DOC_STORE,
  EVENT_STORE,
  PROJECTION_RUNNER,
  READ_DOCS,
  TIME_TRAVEL,
  TIMER_MANAGER,
  TIMER_STORE,
} from './tokens';

/** How long a shutdown waits for snapshot writes under way. */
const SNAPSHOT_SETTLE_MS = 2_000;

/** Binds the ports to the adapters the configuration names, and owns their lifecycle. */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Infrastructure');

  constructor(
    @Inject(CONFIG) private readonly config: EngineConfig,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(DOC_STORE) private readonly docs: DocStore,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(API_KEYS) private readonly keys: ApiKeys,
    @Inject(TIMER_MANAGER) private readonly timers: TimerManager,
    @Inject(TIMER_STORE) private readonly timerStore: TimerStore,
    @Inject(COMMAND_HANDLER) private readonly commands: CommandHandler,
  ) {}

  static forConfig(config: EngineConfig) {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: CONFIG, useValue: config },
        Metrics,
        ...(config.readOnly
          ? [
              { provide: DOC_STORE, useFactory: () => openServedDocs(config) },
              {
                provide: EVENT_STORE,
                inject: [DOC_STORE],
                useFactory: async (docs: DocStore) => new ServedLog(await docs.checkpoint(READ_MODELS)),
              },
            ]
          : [
              { provide: EVENT_STORE, useFactory: () => openEventStore(config) },
              { provide: DOC_STORE, useFactory: () => openDocStore(config) },
            ]),
        { provide: READ_DOCS, inject: [DOC_STORE], useFactory: (docs: DocStore) => new ReadDocs(docs) },
        { provide: TIME_TRAVEL, inject: [EVENT_STORE], useFactory: (events: EventStore) => new TimeTravel(events) },
        {
          provide: PROJECTION_RUNNER,
          inject: [EVENT_STORE, DOC_STORE],
          useFactory: (events: EventStore, docs: DocStore) =>
            new ProjectionRunner(events, docs, {
              lingerMs: config.projectionLingerMs,
              onError: (error) => new Logger('Projections').error(`projection stopped: ${String(error)}`),
            }),
        },
        {
          provide: COMMAND_HANDLER,
          inject: [EVENT_STORE],
          useFactory: (events: EventStore) =>
            new CommandHandler(events, {
              snapshots: {
                every: config.snapshotEvery,
                onError: (stream, error) =>
                  new Logger('Snapshots').warn(`snapshot of ${stream} not written: ${String(error)}`),
              },
            }),
        },
        {
          provide: API_KEYS,
          useFactory: async () => {
            const keys = await openApiKeys(config);
            await keys.ensureFirstKey(config.firstKeyFile);
            return keys;
          },
        },
        ...timerProviders(config),
      ],
      exports: [
        CONFIG,
        EVENT_STORE,
        DOC_STORE,
        READ_DOCS,
        TIME_TRAVEL,
        PROJECTION_RUNNER,
        COMMAND_HANDLER,
        API_KEYS,
        Metrics,
        CLOCK,
        TIMER_STORE,
        TIMER_MANAGER,
      ],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.readOnly) {
      // Never started: the runner only tells the read routes and /health the position they serve.
      this.runner.position = await this.docs.checkpoint(READ_MODELS);
      this.logger.log(
        `read-only: serving the read models of ${this.config.dataDir} at position ${this.runner.position}`,
      );
      return;
    }
    await this.runner.start();
    this.timers.start();
    this.logger.log(`event store ${this.events.name}; read models from position ${this.runner.position}`);
  }

  /**
   * In-flight requests have finished (the HTTP server closed first); save checkpoints, let snapshot
   * writes under way finish (a bounded wait: a lost one costs only time), then close.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.timers.stop();
    await this.timerStore.close();
    if (!(await this.commands.settleSnapshots(SNAPSHOT_SETTLE_MS)))
      this.logger.warn(`snapshot writes still under way after ${SNAPSHOT_SETTLE_MS} ms: closing without them`);
    await this.runner.stop();
    await this.docs.close();
    await this.keys.close();
    await this.events.close();
  }
}
