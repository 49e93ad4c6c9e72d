#!/usr/bin/env node
// `npm start`: runs the engine compiled from its TypeScript sources (tools/build-js.js compiles them
// when they changed), after building the seller center console it serves at `/` if its build is
// missing or stale.
const { join } = require('node:path');
try {
  const outcome = require('./build-console').ensureConsoleBuilt();
  if (outcome === 'built') process.stderr.write('built the seller center console (dist/apps/console)\n');
} catch (error) {
  process.stderr.write(`${error.message}\nthe engine starts without the console\n`);
}
const compiled = require('./build-js').ensureCompiled();
process.setSourceMapsEnabled(true);
process.env.SCE_CONSOLE_DIR = process.env.SCE_CONSOLE_DIR ?? join(__dirname, '..', 'dist', 'apps', 'console');
require(join(compiled, 'apps', 'engine', 'src', 'main.js'));
