#!/usr/bin/env node
// `npm run cli -- …`: the analysts' and operators' command line, from its TypeScript sources.
const { join } = require('node:path');
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT ?? join(__dirname, '..', 'tsconfig.base.json');
require('@swc-node/register');
require(join(__dirname, '..', 'apps', 'cli', 'src', 'main.ts'));
