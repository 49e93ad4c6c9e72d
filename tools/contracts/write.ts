// `npm run contracts`: regenerates the wire's contracts from the code and writes them where other
// teams find them (docs/contracts/). A spec fails when a committed file differs from what this writes.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventTypeSchemas } from './event-types';
import { asJson, GENERATED_EVENT_TYPES } from './paths';

writeFileSync(GENERATED_EVENT_TYPES, asJson(eventTypeSchemas()));
// A process of its own, so that the documents are built from the event types just written.
const docs = spawnSync(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'write-docs.ts')], {
  stdio: 'inherit',
  env: { ...process.env, SWC_NODE_PROJECT: join(__dirname, '../../tsconfig.base.json') },
});
process.exit(docs.status ?? 1);
