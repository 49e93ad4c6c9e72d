#!/usr/bin/env node
// `npm start`: runs the engine from its TypeScript sources (swc compiles them as they load,
// with the decorator metadata Nest's dependency injection needs), after building the seller center
// console it serves at `/` if its build is missing or stale.
const { join } = require('node:path');
try {
  const outcome = require('./build-console').ensureConsoleBuilt();
  if (outcome === 'built') process.stderr.write('built the seller center console (dist/apps/console)\n');
} catch (error) {
  process.stderr.write(`${error.message}\nthe engine starts without the console\n`);
}
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT ?? join(__dirname, '..', 'tsconfig.base.json');
require('@swc-node/register');
require(join(__dirname, '..', 'apps', 'engine', 'src', 'main.ts'));
