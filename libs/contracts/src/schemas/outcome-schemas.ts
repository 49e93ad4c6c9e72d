import { int, list, obj, oneOf, str, type Schema } from './schema-kit';

/** The answers every route may give besides its own: the outcome shapes of DOMAIN.md and the errors. */
export const OUTCOME_SCHEMAS: Record<string, Schema> = {
  Accepted: obj({
    commandId: str,
    status: oneOf('accepted'),
    streams: list(obj({ stream: str, revision: int })),
    positions: list(int),
  }),
  Invalid: obj(
    {
      status: oneOf('invalid'),
      commandId: str,
      errors: list(obj({ field: str, message: str })),
    },
    ['commandId'],
  ),
  Rejected: obj({ commandId: str, status: oneOf('rejected'), code: str, message: str }, ['commandId']),
  Conflict: obj({ commandId: str, status: oneOf('conflict'), message: str }, ['commandId']),
  Unauthenticated: obj({ status: oneOf('unauthenticated'), message: str }),
  NotCaughtUp: obj({ status: oneOf('not-caught-up'), message: str }),
  Unavailable: obj({ status: oneOf('error'), message: str, correlationId: str }, ['correlationId']),
  /** HTTP: the engine already works on as many requests as it may (SCE_HTTP_MAX_IN_FLIGHT); Retry-After says when to try again. */
  Overloaded: obj({ status: oneOf('overloaded'), message: str }),
  ServerError: obj({ status: oneOf('error'), message: str, correlationId: str }),
  /** Kafka: the engine failed on a message that was not a command it could decide (also a dead letter). */
  Failed: obj({ commandId: str, status: oneOf('error'), message: str, correlationId: str }, ['commandId']),
};
