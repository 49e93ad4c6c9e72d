import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { AppModule } from './app.module';
import type { ApiKeys } from '@sce/access';
import type { EngineConfig } from '@sce/runtime';
import { serveConsole } from './console/serve-console';
import { admitAtMost } from './http/admission';
import { refuseOtherContentTypes } from './http/content-type';
import { frameworkErrors } from './http/framework-errors';
import { openApiDocument } from './http/openapi/document';
import { createLogger, logRequests, NestPinoLogger } from './ops/logging';
import { Metrics } from './ops/metrics';
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
    frameworkErrors,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forConfig(config), adapter, {
    bufferLogs: true,
    abortOnError: false,
    logger: options.logger === false ? false : undefined,
  });
  const metrics = app.get(Metrics);
  admitAtMost(adapter.getInstance(), config.httpMaxInFlight, () => metrics.refused.inc());
  refuseOtherContentTypes(adapter.getInstance());
  if (options.logger !== false) {
    const logger = createLogger(config.logLevel);
    app.useLogger(new NestPinoLogger(logger));
    logRequests(adapter.getInstance(), logger);
  }
  SwaggerModule.setup('docs', app, openApiDocument(app));
  await serveConsole(app);
  return app;
}

/** What to tell the user who just started the engine for the first time: where the first key is. */
export function firstKeyNotice(app: NestFastifyApplication): string | undefined {
  const file = app.get<ApiKeys>(API_KEYS).firstKeyFile;
  return (
    file &&
    `  First start: a PLATFORM key is in ${file} (removed once the key is used)\n  send it as: Authorization: Bearer $(cat ${file})`
  );
}
