import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { KeysController } from './auth/keys.controller';
import { CommandsController } from './commands/commands.controller';
import { CommandIntake } from './commands/command-intake';
import { SubmitCommandHandler, SubmitCommandRunHandler } from './commands/submit-command';
import { KafkaIntake } from './kafka/kafka-intake';
import type { EngineConfig } from '@sce/runtime';
import { ErrorsFilter } from './http/exception.filter';
import { StrictInputPipe } from './http/strict-input.pipe';
import { InfrastructureModule } from './infrastructure.module';
import { KafkaTransport } from './kafka/kafka-transport';
import { AdminController } from './ops/admin.controller';
import { OpsController } from './ops/ops.controller';
import { SchemasController } from './ops/schemas.controller';
import { QueriesController } from './queries/queries.controller';
import { READ_MODEL_QUERY_HANDLERS } from './queries/read-model-queries';
import { TestClockController } from './timers/test-clock.controller';

/** The engine: configuration, adapters bound to ports, HTTP controllers. No business rule here. */
@Module({})
export class AppModule {
  static forConfig(config: EngineConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot(), TerminusModule, InfrastructureModule.forConfig(config)],
      controllers: [
        CommandsController,
        QueriesController,
        KeysController,
        OpsController,
        AdminController,
        SchemasController,
        TestClockController,
      ],
      providers: [
        SubmitCommandHandler,
        SubmitCommandRunHandler,
        CommandIntake,
        KafkaIntake,
        KafkaTransport,
        ...READ_MODEL_QUERY_HANDLERS,
        { provide: APP_FILTER, useClass: ErrorsFilter },
        { provide: APP_PIPE, useClass: StrictInputPipe },
      ],
    };
  }
}
