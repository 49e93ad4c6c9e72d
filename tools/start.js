#!/usr/bin/env node
// `npm start`: runs the engine from its TypeScript sources (swc compiles them as they load,
// with the decorator metadata Nest's dependency injection needs).
const { join } = require('node:path');
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT ?? join(__dirname, '..', 'tsconfig.base.json');
require('@swc-node/register');
require(join(__dirname, '..', 'apps', 'engine', 'src', 'main.ts'));
