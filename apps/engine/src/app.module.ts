import { BadRequestException, Module, ValidationPipe, type DynamicModule, type ValidationError } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { KeysController } from './auth/keys.controller';
import { CommandsController } from './commands/commands.controller';
import { CommandIntake } from './commands/command-intake';
import { SubmitCommandHandler } from './commands/submit-command';
import type { EngineConfig } from './config/config';
import { ErrorsFilter } from './http/exception.filter';
import { InfrastructureModule } from './infrastructure.module';
import { KafkaTransport } from './kafka/kafka-transport';
import { Metrics } from './ops/metrics';
import { AdminController } from './ops/admin.controller';
import { OpsController } from './ops/ops.controller';
import { QueriesController } from './queries/queries.controller';
import { ReadModelQueryHandler } from './queries/read-model.query';

/** The engine: configuration, adapters bound to ports, HTTP controllers. No business rule here. */
@Module({})
export class AppModule {
  static forConfig(config: EngineConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot(), TerminusModule, InfrastructureModule.forConfig(config)],
      controllers: [CommandsController, QueriesController, KeysController, OpsController, AdminController],
      providers: [
        SubmitCommandHandler,
        CommandIntake,
        KafkaTransport,
        ReadModelQueryHandler,
        Metrics,
        { provide: APP_FILTER, useClass: ErrorsFilter },
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({
            transform: true,
            whitelist: true,
            forbidNonWhitelisted: true,
            exceptionFactory: invalid,
          }),
        },
      ],
    };
  }
}

/** Query-string and small bodies: the same `invalid` answer as commands, each field and why. */
function invalid(errors: ValidationError[]) {
  return new BadRequestException({
    status: 'invalid',
    errors: errors.flatMap((e) =>
      Object.values(e.constraints ?? {}).map((message) => ({ field: e.property, message })),
    ),
  });
}
