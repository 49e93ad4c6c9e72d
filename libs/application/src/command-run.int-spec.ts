import { DomainError, type Command, type Principal } from '@sce/domain';
import { cmd, commandSequence, opening } from '@sce/domain/testkit';
import {
  PostgresEventStore,
  SqliteEventStore,
  StoreUnavailableError,
  type CommandOutcome,
  type EventStore,
} from '@sce/event-store';
import { describeWith, freshSchema, TEST_PG_URL } from '@sce/test-stack';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandHandler } from './command-handler';
import type { RunItem, RunOutcome } from './command-run';

const asActor = (command: Command): Principal =>
  command.metadata.actor.role === 'SELLER'
    ? { role: 'SELLER', shopId: command.shopId }
    : { role: command.metadata.actor.role };

type Sent = [commandId: string, command: Command];
type Opened = { store: EventStore; cleanup(): Promise<void> };

const at = '2026-11-02T00:00:00.000Z';
const order = (orderId: string, quantity: number, productId = 'p-2') =>
  cmd(
    'PlaceOrder',
    {
      orderId,
      buyerId: 'b-1',
      lines: [{ productId, quantity }],
      shipTo: { country: 'US', region: 'CA' },
      channel: 'LIVE',
    },
    { at },
  );
const ship = (orderId: string) => cmd('ShipOrder', { orderId, carrier: 'UPS_GROUND', trackingNumber: '1Z' }, { at });
const cancel = (orderId: string) => cmd('CancelOrder', { orderId, reason: 'changed my mind' }, { at });

/** What an outcome says, with a DomainError thrown as its code. */
const said = (outcome: RunOutcome) =>
  outcome === undefined
    ? undefined
    : outcome.ok
      ? outcome.value
      : { error: outcome.error instanceof DomainError ? outcome.error.code : (outcome.error as Error).name };

/** The same commands handled one by one, as the answers a run must give. */
async function oneByOne(handler: CommandHandler, sent: Sent[]) {
  const answers = [];
  for (const [commandId, command] of sent)
    answers.push(
      said(
        await handler.handle(commandId, command, asActor(command)).then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error }),
        ),
      ),
    );
  return answers;
}

const items = (sent: Sent[]): RunItem[] =>
  sent.map(([commandId, command]) => ({ commandId, command, principal: asActor(command) }));

async function streamsOf(store: EventStore) {
  const all: { stream: string; revision: number; type: string; data: unknown; commandId: unknown }[] = [];
  for await (const batch of store.readAll())
    all.push(
      ...batch.map((e) => ({
        stream: e.stream,
        revision: e.revision,
        type: e.type,
        data: e.data,
        commandId: e.metadata.commandId,
      })),
    );
  return all;
}

function commandRunSuite(open: () => Promise<Opened>) {
  const opened: Opened[] = [];
  /** A fresh store with the opening handled, and a handler on it. */
  async function fresh(shops = ['shop-1']) {
    const { store, cleanup } = await open();
    opened.push({ store, cleanup });
    const handler = new CommandHandler(store);
    for (const shopId of shops)
      for (const [i, command] of opening().entries()) {
        const inShop = { ...command, shopId };
        await handler.handle(`open-${shopId}-${i}`, inShop, asActor(inShop));
      }
    return { store, handler };
  }
  afterEach(async () => {
    for (const { store, cleanup } of opened.splice(0)) {
      await store.close();
      await cleanup();
    }
  });

  /** Runs `sent` as one run on a fresh store and one by one on another: same answers, same streams. */
  async function expectSequential(sent: Sent[]) {
    const reference = await fresh();
    const expected = await oneByOne(reference.handler, sent);
    const run = await fresh();
    expect((await run.handler.handleRun(items(sent))).map(said)).toEqual(expected);
    expect(await streamsOf(run.store)).toEqual(await streamsOf(reference.store));
    return expected;
  }

  it('keeps the order of a run: an order placed, shipped and then not cancelled, as one by one', async () => {
    const answers = await expectSequential([
      ['c-1', order('o-1', 2)],
      ['c-2', ship('o-1')],
      ['c-3', cancel('o-1')],
      ['c-4', order('o-2', 1)],
      ['c-5', cancel('o-2')],
    ]);
    expect(answers.map((a) => (a as CommandOutcome).status)).toEqual([
      'accepted',
      'accepted',
      'rejected',
      'accepted',
      'accepted',
    ]);
  });

  it('decides a rejection in the middle on committed state, and goes on after it', async () => {
    const answers = await expectSequential([
      ['c-1', order('o-1', 8)],
      ['c-2', order('o-2', 5)],
      ['c-3', order('o-3', 2)],
      ['c-4', order('o-4', 1)],
    ]);
    expect(answers[1]).toMatchObject({ status: 'rejected', code: 'stock.insufficient' });
    expect(answers[3]).toMatchObject({ status: 'rejected', code: 'stock.insufficient' });
  });

  it('does not reject on a stale cache: another instance listed the product before the run', async () => {
    const { store, handler } = await fresh();
    expect(await handler.handle('c-1', order('o-1', 1, 'p-9'), { role: 'BUYER' })).toMatchObject({
      code: 'product.not-found',
    });
    const other = new CommandHandler(store);
    await other.handle('c-2', cmd('ListProduct', { productId: 'p-9', title: 't', price: 100, stock: 1 }), {
      role: 'SELLER',
      shopId: 'shop-1',
    });
    await other.handle('c-3', cmd('ApproveProduct', { productId: 'p-9' }), { role: 'PLATFORM' });
    const outcomes = await handler.handleRun(items([['c-4', order('o-2', 1, 'p-9')]]));
    expect(said(outcomes[0])).toMatchObject({ status: 'accepted' });
  });

  it('answers ids already in the ledger or repeated in the run with their first outcome, and writes nothing for them', async () => {
    const { store, handler } = await fresh();
    const first = await handler.handle('c-0', order('o-0', 1), { role: 'BUYER' });
    const outcomes = await handler.handleRun(
      items([
        ['c-0', order('o-0', 1)],
        ['c-1', order('o-1', 1)],
        ['c-1', order('o-1', 1)],
        ['c-1', order('o-9', 1)],
        ['c-2', order('o-2', 1)],
      ]),
    );
    expect(outcomes.map(said)).toEqual([
      first,
      said(outcomes[1]),
      said(outcomes[1]),
      { error: 'command.id-reused' },
      expect.objectContaining({ status: 'accepted' }),
    ]);
    const reserved = (await store.readStream('product-shop-1/p-2')).events.filter((e) => e.type === 'StockReserved');
    expect(reserved.map((e) => e.metadata.commandId)).toEqual(['c-0', 'c-1', 'c-2']);
  });

  it('falls back one by one when another writer moved a stream the run read: outcomes as one by one', async () => {
    const { store, handler } = await fresh();
    // The run's handler caches p-2 at stock 10; the other instance then takes 9, one event, as the run's first will.
    expect(await handler.handle('c-0', order('o-0', 1), { role: 'BUYER' })).toMatchObject({ status: 'accepted' });
    await new CommandHandler(store).handle('c-x', order('o-x', 8), { role: 'BUYER' });
    const outcomes = await handler.handleRun(
      items([
        ['c-1', order('o-1', 1)],
        ['c-2', order('o-2', 1)],
        ['c-3', cmd('RecordVisit', { visitorId: 'v-1' }, { at })],
      ]),
    );
    expect(outcomes.map((o) => (said(o) as CommandOutcome).status)).toEqual(['accepted', 'rejected', 'accepted']);
    expect(said(outcomes[1])).toMatchObject({ code: 'stock.insufficient' });
    const product = await store.readStream('product-shop-1/p-2');
    expect(product.events.filter((e) => e.type === 'StockReserved').map((e) => e.metadata.commandId)).toEqual([
      'c-0',
      'c-x',
      'c-1',
    ]);
  });

  it('stops at a store failure: that item fails, the items after it are not worked on', async () => {
    const { store, handler } = await fresh();
    const outage = new StoreUnavailableError('the store is away');
    store.recordRejection = () => Promise.reject(outage);
    const outcomes = await handler.handleRun(
      items([
        ['c-1', order('o-1', 1)],
        ['c-2', order('o-2', 50)],
        ['c-3', order('o-3', 1)],
      ]),
    );
    expect(said(outcomes[0])).toMatchObject({ status: 'accepted' });
    expect(outcomes.slice(1)).toEqual([{ ok: false, error: outage }, undefined]);
    expect(await store.findCommand('c-3')).toBeNull();
  });

  it("stops at a store failure on the run's appends: the first item fails, the others are not worked on", async () => {
    const { store, handler } = await fresh();
    const head = await store.headPosition();
    const outage = new StoreUnavailableError('the store is away');
    store.appendCommand = () => Promise.reject(outage);
    const outcomes = await handler.handleRun(
      items([
        ['c-1', order('o-1', 1)],
        ['c-2', cmd('RecordVisit', { visitorId: 'v-1' }, { at })],
      ]),
    );
    expect(outcomes).toEqual([{ ok: false, error: outage }, undefined]);
    expect(await store.headPosition()).toBe(head);
  });

  it('answers a principal that may not send an item with auth.*, and goes on with the others', async () => {
    const { handler } = await fresh();
    const policy = cmd('SetRefundPolicy', { returnWindowDays: 1, autoApproveLimit: 0 });
    const outcomes = await handler.handleRun([
      { commandId: 'c-1', command: policy, principal: { role: 'SELLER', shopId: 'shop-2' } },
      { commandId: 'c-2', command: order('o-1', 1), principal: { role: 'BUYER' } },
    ]);
    expect(said(outcomes[0])).toEqual({ error: 'auth.not-own-shop' });
    expect(said(outcomes[1])).toMatchObject({ status: 'accepted' });
  });

  it('gives the answers and the streams of one-by-one handling, for random runs over two shops', async () => {
    const shopOf = fc.constantFrom('shop-1', 'shop-2');
    const arbitrary = fc
      .tuple(
        commandSequence(30),
        fc.array(shopOf, { minLength: 30, maxLength: 30 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }),
      )
      .map(([commands, shops, redeliveries]) => {
        const sent: Sent[] = commands.map((command, i) => [`seq-${i}`, { ...command, shopId: shops[i]! }]);
        // A redelivery now and then: an earlier command again, with its id, later in the run.
        for (const [where, which] of redeliveries) {
          const at = 1 + (where % sent.length);
          sent.splice(at, 0, sent[which % at]!);
        }
        return sent;
      });
    await fc.assert(
      fc.asyncProperty(arbitrary, async (sent) => {
        const reference = await fresh(['shop-1', 'shop-2']);
        const expected = await oneByOne(reference.handler, sent);
        const together = await fresh(['shop-1', 'shop-2']);
        expect((await together.handler.handleRun(items(sent))).map(said)).toEqual(expected);
        expect(await streamsOf(together.store)).toEqual(await streamsOf(reference.store));
        for (const { store, cleanup } of opened.splice(0)) {
          await store.close();
          await cleanup();
        }
      }),
      { numRuns: 15 },
    );
  });
}

describe('a run of commands on SQLite', () => {
  commandRunSuite(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sce-run-'));
    return {
      store: new SqliteEventStore(join(dir, 'events.db')),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  });
});

describeWith('postgres', 'a run of commands on PostgreSQL', () => {
  commandRunSuite(async () => {
    const { schema, drop } = await freshSchema();
    return { store: await PostgresEventStore.connect({ connectionString: TEST_PG_URL, schema }), cleanup: drop };
  });
});
