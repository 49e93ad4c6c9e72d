import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The seller center console: a static build the engine serves at `/` (tools/build-console.js runs it).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/apps/console', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Nothing from the internet at run time, and nothing inlined that the CSP would refuse.
    assetsInlineLimit: 0,
  },
});
