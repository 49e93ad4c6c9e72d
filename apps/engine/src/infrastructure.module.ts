import {
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CommandHandler } from '@sce/application';
import { KurrentDbEventStore, PostgresEventStore, SqliteEventStore, type EventStore } from '@sce/event-store';
import { PostgresDocStore, ProjectionRunner, SqliteDocStore, type DocStore } from '@sce/projections';
import { ApiKeys } from './auth/api-keys';
import type { EngineConfig } from './config/config';
import { API_KEYS, COMMAND_HANDLER, CONFIG, DOC_STORE, EVENT_STORE, PROJECTION_RUNNER } from './tokens';

async function openEventStore(config: EngineConfig): Promise<EventStore> {
  if (config.store === 'postgres')
    return PostgresEventStore.connect({ connectionString: config.postgresUrl, schema: config.postgresSchema });
  if (config.store === 'kurrentdb') return KurrentDbEventStore.connect(config.kurrentDbUrl);
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteEventStore(join(config.dataDir, 'events.db'), { synchronous: config.sqliteSynchronous });
}

async function openDocStore(config: EngineConfig): Promise<DocStore> {
  if (config.readModels === 'postgres') return PostgresDocStore.connect(config.postgresUrl, config.postgresSchema);
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteDocStore(join(config.dataDir, 'read-models.db'));
}

/** Binds the ports to the adapters the configuration names, and owns their lifecycle. */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Infrastructure');

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(DOC_STORE) private readonly docs: DocStore,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
  ) {}

  static forConfig(config: EngineConfig) {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: EVENT_STORE, useFactory: () => openEventStore(config) },
        { provide: DOC_STORE, useFactory: () => openDocStore(config) },
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
          useFactory: (events: EventStore) => new CommandHandler(events),
        },
        { provide: API_KEYS, useFactory: () => ApiKeys.open(config.apiKeysFile) },
      ],
      exports: [CONFIG, EVENT_STORE, DOC_STORE, PROJECTION_RUNNER, COMMAND_HANDLER, API_KEYS],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
    this.logger.log(`event store ${this.events.name}; read models from position ${this.runner.position}`);
  }

  /** In-flight requests have finished (the HTTP server closed first); save checkpoints, then close. */
  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.docs.close();
    await this.events.close();
  }
}
