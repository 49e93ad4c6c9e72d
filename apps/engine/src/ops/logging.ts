import type { LoggerService } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import pino, { type Level, type Logger } from 'pino';

const QUIET = new Set(['/health', '/metrics']);

/** The engine's one pino logger: JSON lines on stdout. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'sce-engine' } });
}

/**
 * One access line per request, with its correlation id (the `x-correlation-id` header, or a new
 * UUID Fastify assigns) and duration. Written once the answer is sent, from the root logger: a
 * child logger per request, with the async context that carried it, cost a quarter of the
 * command throughput.
 */
export function logRequests(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    if (logger.isLevelEnabled('info') && !QUIET.has(request.url))
      logger.info(
        {
          correlationId: request.id,
          method: request.method,
          url: request.url,
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime * 10) / 10,
        },
        'request',
      );
    done();
  });
}

/** Nest's logger interface on pino: the context (Nest passes it last) becomes a field. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.write('fatal', message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]) {
    if (!this.logger.isLevelEnabled(level)) return;
    const context = rest.length && typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const text = rest.filter((r): r is string => typeof r === 'string').join('\n') || undefined;
    if (message instanceof Error) return this.logger[level]({ context, err: message }, text ?? message.message);
    if (message !== null && typeof message === 'object') return this.logger[level]({ context, ...message }, text);
    this.logger[level]({ context }, String(message));
  }
}
