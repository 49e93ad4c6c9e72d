import type { FastifyInstance } from 'fastify';

/** What an API request gets when the engine already works on as many as it may: 503 at once. */
export const OVERLOADED = 'overloaded';

/**
 * Bounds the API requests the engine works on at once. Past the bound a request is answered 503
 * with `Retry-After` before anything reads its body: under overload callers learn it in a
 * millisecond instead of waiting seconds in queues, and the requests let in keep their latency.
 * `/health`, `/metrics`, the console and the published schemas are never refused.
 */
export function admitAtMost(fastify: FastifyInstance, maxInFlight: number, onRefused: () => void): void {
  let inFlight = 0;
  fastify.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/v1/') || request.url.startsWith('/v1/schemas')) return;
    if (inFlight >= maxInFlight) {
      onRefused();
      await reply
        .code(503)
        .header('retry-after', '1')
        .header('content-type', 'application/json; charset=utf-8')
        .send({
          status: OVERLOADED,
          message: `the engine is working on its limit of ${maxInFlight} requests at once (SCE_HTTP_MAX_IN_FLIGHT); try again after Retry-After seconds`,
        });
      return;
    }
    inFlight++;
    // 'close' comes once per response, sent or abandoned by the client.
    reply.raw.once('close', () => inFlight--);
  });
}
