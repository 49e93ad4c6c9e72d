import { CommandHandler } from '@sce/application';
import type { Command, Principal } from '@sce/domain';
import { cmd, SHOP } from '@sce/domain/testkit';
import { SqliteEventStore, type EventStore, type StoredEvent } from '@sce/event-store';
import { describeWith, eventually, freshSchema, TEST_PG_URL } from '@sce/test-stack';
import { Client } from 'pg';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseKey } from './doc-key';
import type { DocStore } from './doc-store';
import { buildCheckpoint } from './generation';
import { PostgresDocStore } from './postgres-doc-store';
import { products } from './products/products.query';
import { orderProjection } from './orders/order.projection';
import { replay } from './project-batch';
import { ProjectionRunner } from './runner';
import { SqliteDocStore } from './sqlite-doc-store';
import { countedProducts, UPGRADED, type CountedProductDoc } from './testing/bumped';
import { openingIn } from './testing/history';

const KILLED_BUILD = join(__dirname, 'testing/killed-build.ts');
const asActor = (c: Command): Principal =>
  c.metadata.actor.role === 'SELLER' ? { role: 'SELLER', shopId: c.shopId } : { role: c.metadata.actor.role };
const restocks = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => cmd('AdjustStock', { productId: (from + i) % 3 ? 'p-1' : 'p-2', delta: 1 }));

async function record(store: EventStore, commands: Command[], tag: string) {
  const handler = new CommandHandler(store);
  for (const [i, command] of commands.entries()) await handler.handle(`${tag}-${i}`, command, asActor(command));
  return store.headPosition();
}

async function allEvents(store: EventStore) {
  const events: StoredEvent[] = [];
  for await (const batch of store.readAll()) events.push(...batch);
  return events;
}

/** The upgraded products of a full replay: what a build, stopped or not, must end with. */
async function upgradedProducts(events: StoredEvent[]) {
  const docs = await replay(events, [countedProducts]);
  return [...docs].filter(([key]) => parseKey(key).model === 'product').map(([, doc]) => doc as CountedProductDoc);
}

/** Turn by turn (a timer could miss it on SQLite): a build projects one batch per turn. */
async function midway(runner: ProjectionRunner, head: number) {
  const deadline = Date.now() + 10_000;
  const between = () => runner.building && runner.building.position > 0 && runner.building.position < head;
  while (!between() && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
  return runner.building;
}

const byId = (docs: { productId: string }[]) => [...docs].sort((a, b) => a.productId.localeCompare(b.productId));

function suite(open: () => Promise<{ docs: () => Promise<DocStore>; cleanup(): Promise<void> }>) {
  it('builds a bumped projection beside the live one, answers the old figures meanwhile, resumes after a stop', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sce-bluegreen-'));
    const store = new SqliteEventStore(join(dir, 'events.db'));
    const { docs: openDocs, cleanup } = await open();
    const opened: DocStore[] = [];
    const reopen = async () => (opened.push(await openDocs()), opened[opened.length - 1]!);
    const runners: ProjectionRunner[] = [];
    const runner = (docs: DocStore, projections?: typeof UPGRADED) => (
      runners.push(new ProjectionRunner(store, docs, { batchSize: 7, projections })),
      runners[runners.length - 1]!
    );
    try {
      const head = await record(store, [...openingIn('UTC'), ...restocks(150)], 'old');
      let docs = await reopen();
      const v1 = runner(docs);
      await v1.start();
      await eventually(() => v1.position >= head, 10_000, 'the first version to catch up');
      const before = await products(docs, SHOP);
      expect(before.products.find((p) => p.productId === 'p-1')?.stock).toBe(130);
      await v1.stop();

      // The upgraded engine starts: products is built beside the live documents.
      const v2 = runner(docs, UPGRADED);
      await v2.start();
      const building = await midway(v2, head);
      expect(building).toMatchObject({ versions: { products: 2 }, target: head });
      expect(await products(docs, SHOP)).toEqual(before); // the old version's complete figures, not half-built
      expect(await docs.versions()).toMatchObject({ products: 1 });

      // Stopped midway: its checkpoint is stored; the next engine resumes there, not at the start.
      await v2.stop();
      await docs.close();
      docs = await reopen();
      const resumed = runner(docs, UPGRADED);
      await resumed.start();
      expect(resumed.building?.position).toBeGreaterThanOrEqual(building!.position);
      expect(await products(docs, SHOP)).toEqual(before);

      const newHead = await record(store, restocks(20, 150), 'new');
      await eventually(() => !resumed.building && resumed.position >= newHead, 30_000, 'the switch');
      const after = await products(docs, SHOP);
      expect(byId(after.products)).toEqual(byId(await upgradedProducts(await allEvents(store))));
      const counted = after.products as CountedProductDoc[];
      // p-1: listed, approved, 100 restocks before the upgrade and 13 after.
      expect(counted.find((p) => p.productId === 'p-1')).toMatchObject({ stock: 130 + 13, events: 2 + 100 + 13 });
      expect(await docs.versions()).toMatchObject({ products: 2, orders: orderProjection.version });
      expect(await docs.build()).toBeUndefined();
    } finally {
      for (const r of runners) await r.stop();
      for (const d of opened) await d.close().catch(() => undefined);
      await store.close();
      await cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

/** Starts the build in a child process and kills it (SIGKILL) once it is midway; the position it had printed. */
function killMidway(eventsPath: string, docsPath: string, head: number): Promise<number> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', KILLED_BUILD, eventsPath, docsPath], {
    env: { ...process.env, SWC_NODE_PROJECT: join(__dirname, '../../../tsconfig.base.json') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let seen = 0;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const position = Number(line);
      if (!(position > 0 && position < head) || seen) return;
      seen = position;
      child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve(seen) : reject(new Error(`the build exited (${code}) before it was killed`)),
    );
  });
}

describe('blue/green rebuilds on SQLite', () => {
  suite(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sce-docs-'));
    return {
      docs: async () => new SqliteDocStore(join(dir, 'read-models.db')),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  });

  it('resumes a build whose process was killed midway, and ends as one that never stopped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sce-bluegreen-'));
    const [eventsPath, docsPath] = [join(dir, 'events.db'), join(dir, 'read-models.db')];
    const store = new SqliteEventStore(eventsPath);
    let docs = new SqliteDocStore(docsPath);
    const runners: ProjectionRunner[] = [];
    try {
      const head = await record(store, [...openingIn('UTC'), ...restocks(150)], 'old');
      const v1 = new ProjectionRunner(store, docs, { batchSize: 7 });
      runners.push(v1);
      await v1.start();
      await eventually(() => v1.position >= head, 10_000, 'the first version to catch up');
      const before = await products(docs, SHOP);
      await v1.stop();
      await docs.close();

      const printed = await killMidway(eventsPath, docsPath, head);
      docs = new SqliteDocStore(docsPath);
      const build = await docs.build();
      expect(build?.versions).toEqual({ products: 2 });
      const killedAt = await docs.checkpoint(buildCheckpoint(build!.generation));
      expect(killedAt).toBeGreaterThanOrEqual(printed);
      expect(killedAt).toBeLessThan(head);
      expect(await products(docs, SHOP)).toEqual(before);

      const resumed = new ProjectionRunner(store, docs, { batchSize: 7, projections: UPGRADED });
      runners.push(resumed);
      await resumed.start();
      expect(resumed.building).toMatchObject({ generation: build!.generation });
      expect(resumed.building!.position).toBeGreaterThanOrEqual(killedAt);
      await eventually(() => !resumed.building, 30_000, 'the switch');
      expect(byId((await products(docs, SHOP)).products)).toEqual(byId(await upgradedProducts(await allEvents(store))));
    } finally {
      for (const r of runners) await r.stop();
      await docs.close().catch(() => undefined);
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeWith('postgres', 'blue/green rebuilds on PostgreSQL', () => {
  suite(async () => {
    const { schema, drop } = await freshSchema('sce_bluegreen');
    return { docs: () => PostgresDocStore.connect(TEST_PG_URL, schema), cleanup: drop };
  });

  it('with two engines sharing the read models: the leader builds, both switch, the other may ask', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sce-bluegreen-'));
    const store = new SqliteEventStore(join(dir, 'events.db'));
    const { schema, drop } = await freshSchema('sce_bluegreen_shared');
    const opened: DocStore[] = [];
    const connect = async () => (opened.push(await PostgresDocStore.connect(TEST_PG_URL, schema)), opened.at(-1)!);
    const runners: ProjectionRunner[] = [];
    const start = async (projections?: typeof UPGRADED) => {
      const r = new ProjectionRunner(store, await connect(), { batchSize: 7, projections });
      runners.push(r);
      await r.start();
      return r;
    };
    try {
      const head = await record(store, [...openingIn('UTC'), ...restocks(150)], 'old');
      const v1 = await start();
      await eventually(() => v1.position >= head, 10_000, 'the first version to catch up');
      await v1.stop();
      await opened[0]!.close(); // its lead goes with its connection

      const [a, b] = [await start(UPGRADED), await start(UPGRADED)];
      expect([a.leading, b.leading]).toEqual([true, false]);
      const [docsA, docsB] = [opened[1]!, opened[2]!];
      const upgraded = byId(await upgradedProducts(await allEvents(store)));
      await eventually(() => !a.building, 30_000, 'the leader to switch');
      expect(byId((await products(docsA, SHOP)).products)).toEqual(upgraded);
      await eventually(
        async () => (await products(docsB, SHOP)).products.every((p) => 'events' in p),
        5_000,
        'the other engine to read the new generation',
      );
      expect(byId((await products(docsB, SHOP)).products)).toEqual(upgraded);

      // Asked of the engine that does not lead: the leader takes the build up, both switch again.
      const productsVersion = (await docsA.versions()).products;
      await b.rebuild(['orders']);
      expect(a.building).toBeUndefined();
      expect(await docsB.build()).toBeUndefined();
      expect(await docsA.versions()).toEqual(await docsB.versions());
      expect((await docsA.versions()).products).toBe(productsVersion);
      expect(byId((await products(docsB, SHOP)).products)).toEqual(upgraded);

      // Once the other engine has read the routes again, the old products and orders leave generation 0.
      const pg = new Client({ connectionString: TEST_PG_URL });
      await pg.connect();
      const left = async () =>
        (await pg.query(`SELECT model FROM "${schema}".read_docs WHERE model IN ('product', 'order')`)).rowCount;
      await eventually(async () => (await left()) === 0, 10_000, 'the sweep').finally(() => pg.end());
      expect(byId((await products(docsB, SHOP)).products)).toEqual(upgraded);
    } finally {
      for (const r of runners) await r.stop();
      for (const d of opened) await d.close().catch(() => undefined);
      await store.close();
      await drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
