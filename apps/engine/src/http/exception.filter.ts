import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { UnknownKeyError } from '@sce/access';
import { DomainError } from '@sce/domain';
import { StoreUnavailableError } from '@sce/event-store';
import { NotCaughtUp } from '../queries/not-caught-up';
import { ReadOnlyEngine } from '../read-only/read-only';
import { statusForCode } from './status';

interface Reply {
  status(code: number): Reply;
  header(name: string, value: string): Reply;
  send(body: unknown): void;
}

/**
 * The one place errors become HTTP answers: domain codes to 403/404/409/422, a write to a
 * read-only engine to 405, body problems to 400/413, an unreachable store to 503, and anything
 * else to 500 with a correlation id to quote.
 */
@Catch()
export class ErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<Reply>();
    const request = host.switchToHttp().getRequest<{ id?: string; headers: Record<string, string | undefined> }>();
    const correlationId = request.headers['x-correlation-id'] ?? String(request.id ?? randomUUID());
    const [status, body] = answer(error);
    // A 405 names what the route does allow: on a read-only engine, reading.
    if (error instanceof ReadOnlyEngine) reply.header('allow', 'GET, HEAD');
    if (status >= 500) this.logger.error({ err: error, correlationId }, 'request failed');
    reply
      .status(status)
      .header('x-correlation-id', correlationId)
      .send(status >= 500 ? { ...body, correlationId } : body);
  }
}

/** Our own bodies carry `status`; those Nest or Fastify raised (bad JSON, too large, no route) get one. */
function fromHttpException(error: HttpException): object {
  const response = error.getResponse();
  if (typeof response === 'object' && 'status' in response) return response;
  const message =
    typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? error.message);
  if (error.getStatus() === 401) return { status: 'unauthenticated', message };
  if (error.getStatus() === 413)
    return {
      status: 'invalid',
      errors: [{ field: '(body)', message: 'the body is larger than the limit (SCE_BODY_LIMIT_BYTES)' }],
    };
  if (error.getStatus() === 400)
    return { status: 'invalid', errors: [{ field: '(body)', message: `the body is not valid JSON: ${message}` }] };
  return { status: 'error', message };
}

function answer(error: unknown): [number, object] {
  if (error instanceof DomainError)
    return [statusForCode(error.code), { status: 'rejected', code: error.code, message: error.message }];
  if (error instanceof HttpException) return [error.getStatus(), fromHttpException(error)];
  const fastify = error as { code?: string; statusCode?: number; message?: string };
  if (fastify.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return [
      413,
      {
        status: 'invalid',
        errors: [{ field: '(body)', message: 'the body is larger than the limit (SCE_BODY_LIMIT_BYTES)' }],
      },
    ];
  if (fastify.statusCode === 400 || fastify.code?.startsWith('FST_ERR_CTP')) {
    return [
      fastify.statusCode ?? 400,
      {
        status: 'invalid',
        errors: [{ field: '(body)', message: `the body is not valid JSON: ${fastify.message ?? ''}`.trim() }],
      },
    ];
  }
  if (error instanceof ReadOnlyEngine) return [405, { status: 'rejected', code: error.code, message: error.message }];
  if (error instanceof UnknownKeyError) return [404, { status: 'rejected', code: error.code, message: error.message }];
  if (error instanceof NotCaughtUp) return [503, { status: 'not-caught-up', message: error.message }];
  if (error instanceof StoreUnavailableError)
    return [503, { status: 'error', message: 'the event store is unavailable; try again' }];
  return [500, { status: 'error', message: 'internal error' }];
}
