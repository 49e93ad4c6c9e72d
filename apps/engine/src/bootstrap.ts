import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { AppModule } from './app.module';
import type { ApiKeys } from './auth/api-keys';
import type { EngineConfig } from './config/config';
import { createLogger, logRequests, NestPinoLogger } from './ops/logging';
import { API_KEYS } from './tokens';

/** Builds the engine for `config`; `main.ts` listens, tests call it with their own settings. */
export async function createEngine(
  config: EngineConfig,
  options: { logger?: boolean } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    requestIdHeader: 'x-correlation-id',
    genReqId: () => randomUUID(),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forConfig(config), adapter, {
    bufferLogs: true,
    abortOnError: false,
    logger: options.logger === false ? false : undefined,
  });
  if (options.logger !== false) {
    const logger = createLogger(config.logLevel);
    app.useLogger(new NestPinoLogger(logger));
    logRequests(adapter.getInstance(), logger);
  }
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Seller-center engine')
      .setDescription("Commands in, events out; the seller's figures as read models. Envelope and rules: DOMAIN.md.")
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  return app;
}

export function firstKeyNotice(app: NestFastifyApplication): string | undefined {
  const { created } = app.get<{ keys: ApiKeys; created?: { key: string; file: string } }>(API_KEYS);
  return (
    created &&
    `  First start: a development PLATFORM key is in ${created.file}\n  send it as: Authorization: Bearer $(cat ${created.file})`
  );
}
