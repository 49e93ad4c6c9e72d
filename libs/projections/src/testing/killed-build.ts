// Run as a child process by blue-green.int-spec.ts, which kills it (SIGKILL) in the middle of a
// build: `node -r @swc-node/register killed-build.ts EVENTS_DB READ_MODELS_DB`. It prints the
// build's position as it goes.
import { SqliteEventStore } from '@sce/event-store';
import type { AnyProjection } from '../registry';
import { ProjectionRunner } from '../runner';
import { SqliteDocStore } from '../sqlite-doc-store';
import { UPGRADED } from './bumped';

const [eventsPath, docsPath] = process.argv.slice(-2) as [string, string];

/** A build slow enough (2 ms an event) for the parent to kill it midway, whatever the machine. */
const slowly = (p: AnyProjection): AnyProjection =>
  p.name !== 'products'
    ? p
    : {
        ...p,
        evolve: (...args) => (Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2), p.evolve(...args)),
      };

const runner = new ProjectionRunner(new SqliteEventStore(eventsPath), new SqliteDocStore(docsPath), {
  batchSize: 3,
  projections: UPGRADED.map(slowly),
});
void runner.start().then(() => setInterval(() => process.stdout.write(`${runner.building?.position ?? -1}\n`), 5));
