import type { FastifyInstance } from 'fastify';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;.*)?$/i;

/**
 * Bodies are JSON: any other content type gets 415 in the `invalid` shape, before a parser sees
 * it (Nest would otherwise hand a text/plain body to the route as a string).
 */
export function refuseOtherContentTypes(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request, reply) => {
    const hasBody =
      request.headers['content-length'] !== undefined || request.headers['transfer-encoding'] !== undefined;
    if (!hasBody || request.headers['content-length'] === '0') return;
    const type = request.headers['content-type'] ?? '';
    if (JSON_TYPE.test(type)) return;
    await reply
      .code(415)
      .header('content-type', 'application/json; charset=utf-8')
      .send({
        status: 'invalid',
        errors: [
          {
            field: '(content-type)',
            message: `the body must be JSON (content-type: application/json), not ${type ? JSON.stringify(type) : 'untyped'}`,
          },
        ],
      });
  });
}
