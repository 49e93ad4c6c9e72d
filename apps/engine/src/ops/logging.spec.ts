import Fastify from 'fastify';
import pino from 'pino';
import { Writable } from 'node:stream';
import { logRequests, NestPinoLogger } from './logging';

function capture(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level }, sink), lines };
}

describe('logging', () => {
  it('writes one access line per request with its correlation id, and none for /health', async () => {
    const { logger, lines } = capture();
    const app = Fastify({ requestIdHeader: 'x-correlation-id' });
    logRequests(app, logger);
    app.get('/v1/x', async () => ({ ok: true }));
    app.get('/health', async () => ({ ok: true }));
    await app.inject({ method: 'GET', url: '/v1/x', headers: { 'x-correlation-id': 'corr-1' } });
    await app.inject({ method: 'GET', url: '/health' });
    expect(lines).toEqual([
      expect.objectContaining({ msg: 'request', correlationId: 'corr-1', method: 'GET', url: '/v1/x', status: 200 }),
    ]);
  });

  it('writes nothing below its level', async () => {
    const { logger, lines } = capture('warn');
    const app = Fastify();
    logRequests(app, logger);
    app.get('/v1/x', async () => ({ ok: true }));
    await app.inject({ method: 'GET', url: '/v1/x' });
    new NestPinoLogger(logger).log('started', 'Bootstrap');
    expect(lines).toEqual([]);
  });

  it("gives Nest's messages their context, fields and errors", () => {
    const { logger, lines } = capture();
    const nest = new NestPinoLogger(logger);
    nest.log('listening', 'Bootstrap');
    nest.error({ err: new Error('boom'), correlationId: 'c-9' }, 'request failed', 'Errors');
    expect(lines[0]).toMatchObject({ level: 30, context: 'Bootstrap', msg: 'listening' });
    expect(lines[1]).toMatchObject({ level: 50, context: 'Errors', correlationId: 'c-9', msg: 'request failed' });
    expect((lines[1]!.err as { message: string }).message).toBe('boom');
  });
});
