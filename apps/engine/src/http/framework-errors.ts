/** The part of Fastify's reply used here (Nest's adapter brings its own copy of Fastify's types). */
interface Reply {
  code(status: number): Reply;
  header(name: string, value: string): Reply;
  send(body: unknown): unknown;
}

/**
 * Fastify's own answers before any route runs (a malformed URL, a path segment over 100
 * characters), in the `invalid` shape every other bad request gets.
 */
export function frameworkErrors(error: Error & { code?: string }, _request: unknown, raw: unknown): void {
  const reply = raw as Reply;
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  void reply
    .code(tooLong ? 414 : 400)
    .header('content-type', 'application/json; charset=utf-8')
    .send({
      status: 'invalid',
      errors: [
        {
          field: '(path)',
          message: tooLong ? 'a part of the path is longer than 100 characters' : 'the path is not a valid URL',
        },
      ],
    });
}
