#!/usr/bin/env node
// `npm run cli -- …`: the analysts' and operators' command line, compiled from its TypeScript
// sources (tools/build-js.js compiles them when they changed).
const { join } = require('node:path');
const compiled = require('./build-js').ensureCompiled();
process.setSourceMapsEnabled(true);
require(join(compiled, 'apps', 'cli', 'src', 'main.js'));
