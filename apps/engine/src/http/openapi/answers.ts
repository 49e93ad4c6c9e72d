import { applyDecorators } from '@nestjs/common';
import { ApiResponse, ApiSecurity, type HeadersObject } from '@nestjs/swagger';
import { ref, type Schema } from './schema-kit';

const WHY: Record<number, string> = {
  200: 'done',
  201: 'created',
  400: 'invalid: each field that failed and why',
  401: 'no key, or a key that is unknown, revoked or expired',
  403: 'rejected: the key may not do this (auth.*)',
  404: 'rejected: not found (a shop, order, product, key …)',
  405: 'rejected: engine.read-only, this engine serves read models only (SCE_READ_ONLY=true); send it to one with the event log',
  409: 'rejected: command.id-reused, or a conflict retries could not resolve',
  413: 'invalid: the body is larger than SCE_BODY_LIMIT_BYTES',
  414: 'invalid: a part of the path is too long',
  415: 'invalid: the body is not JSON',
  422: 'rejected: a business rule, with a stable code',
  500: 'an internal error, with a correlation id to quote',
  503: 'overloaded: the engine works on SCE_HTTP_MAX_IN_FLIGHT requests already (Retry-After); or the read models did not reach atPosition in time, or the store is unavailable',
};

/** The errors every authenticated route may answer. */
const COMMON: Record<number, string> = {
  400: 'Invalid',
  401: 'Unauthenticated',
  403: 'Rejected',
  414: 'Invalid',
  500: 'ServerError',
  503: 'Overloaded',
};

/**
 * Documents a route's every answer, status by status, with the schema of its body: the route's
 * own (`answers`) and the errors every authenticated route may give. The keys it takes (either
 * header) are its security; `headers` are those its 200 answer carries.
 */
export function Answers(answers: Record<number, string | Schema>, headers?: HeadersObject) {
  const all: Record<number, string | Schema> = { ...COMMON, ...answers };
  // Any route may be refused when the engine is at its limit, besides its own reasons for a 503.
  if (answers[503] !== undefined) all[503] = { oneOf: [schemaOf(answers[503]), ref('Overloaded')] };
  return applyDecorators(
    ApiSecurity('bearer'),
    ApiSecurity('apiKey'),
    ...Object.entries(all).map(([status, schema]) =>
      ApiResponse({
        status: Number(status),
        description: WHY[Number(status)] ?? '',
        schema: schemaOf(schema),
        ...(headers && status === '200' ? { headers } : {}),
      }),
    ),
  );
}

/** What a read route answers besides its own 200. */
export const READ_ERRORS = { 404: 'Rejected', 503: 'NotCaughtUp' } as const;

const schemaOf = (schema: string | Schema): Schema => (typeof schema === 'string' ? ref(schema) : schema);
