import fastifyStatic, { type FastifyStaticOptions } from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where `tools/build-console.js` writes the seller center console (git-ignored); `npm start` says. */
export const CONSOLE_DIR = process.env.SCE_CONSOLE_DIR ?? join(__dirname, '../../../../dist/apps/console');

// The console loads only its own files and talks only to this origin's API.
const CONSOLE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * Serves the built console at `/`, beside `/v1`, `/docs`, `/health` and `/metrics`: one route per
 * built file (no wildcard, so every other path answers as before). Hashed assets are cached for a
 * year, `index.html` never. Without a build, `/` says how to make one.
 */
export async function serveConsole(app: NestFastifyApplication, dir = CONSOLE_DIR): Promise<void> {
  if (!existsSync(join(dir, 'index.html'))) {
    app
      .getHttpAdapter()
      .getInstance()
      .get('/', (_request, reply) => {
        void reply
          .code(503)
          .type('text/plain; charset=utf-8')
          .send('The seller center console is not built: run `npm run build:console` (npm start builds it).\n');
      });
    return;
  }
  const options: FastifyStaticOptions = {
    root: dir,
    prefix: '/',
    wildcard: false,
    index: 'index.html',
    cacheControl: false,
    setHeaders(reply, path) {
      void reply
        .headers(CONSOLE_HEADERS)
        .header(
          'cache-control',
          path.startsWith(join(dir, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
    },
  };
  // @nestjs/platform-fastify types its own copy of fastify: the plugin is the same one at run time.
  await app.register(fastifyStatic as unknown as Parameters<NestFastifyApplication['register']>[0], options);
}
