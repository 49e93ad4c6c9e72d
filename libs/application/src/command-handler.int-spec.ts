import { decideOn, DomainError, type Command, type DomainEvent, type Emitted, type Principal } from '@sce/domain';
import { PostgresEventStore, SqliteEventStore, type EventStore } from '@sce/event-store';
import { describeWith, freshSchema, TEST_PG_URL } from '@sce/test-stack';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cmd, commandSequence, opening, placeOrder } from '@sce/domain/testkit';
import { CommandHandler } from './command-handler';

const asActor = (command: Command): Principal =>
  command.metadata.actor.role === 'SELLER'
    ? { role: 'SELLER', shopId: command.shopId }
    : { role: command.metadata.actor.role };

/** An event as recorded: its type, its data and who caused it. */
type Recorded = { type: string; data: unknown; actor: { role: string; id: string } };

async function readAllEvents(store: EventStore): Promise<Recorded[]> {
  const all: Recorded[] = [];
  for await (const batch of store.readAll())
    all.push(...batch.map((e) => ({ type: e.type, data: e.data, actor: e.metadata.actor })));
  return all;
}

function commandPathSuite(open: () => Promise<{ store: EventStore; cleanup(): Promise<void> }>) {
  let store: EventStore;
  let cleanup: () => Promise<void>;
  let handler: CommandHandler;
  const send = (id: string, command: Command) => handler.handle(id, command, asActor(command));
  beforeEach(async () => {
    ({ store, cleanup } = await open());
    handler = new CommandHandler(store);
    for (const [i, command] of opening().entries())
      expect(await send(`open-${i}`, command)).toMatchObject({ status: 'accepted' });
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  const order = (orderId: string, quantity: number) =>
    placeOrder(orderId, quantity, { at: '2026-11-02T00:00:00.000Z' });

  it('accepts a command and returns the streams, revisions and positions written', async () => {
    const outcome = await send('c-1', order('o-1', 2));
    expect(outcome).toMatchObject({
      status: 'accepted',
      streams: expect.arrayContaining([
        { stream: 'order-shop-1/o-1', revision: 0 },
        { stream: 'product-shop-1/p-2', revision: 2 },
      ]),
    });
    expect((outcome as { positions: number[] }).positions).toHaveLength(2);
  });

  it('returns the first outcome for the same command id and writes nothing', async () => {
    const first = await send('c-1', order('o-1', 2));
    const head = await store.headPosition();
    expect(await send('c-1', order('o-1', 2))).toEqual(first);
    expect(await store.headPosition()).toBe(head);
  });

  it('refuses the id reused for another command, and writes nothing', async () => {
    await send('c-1', order('o-1', 2));
    const head = await store.headPosition();
    await expect(send('c-1', order('o-2', 2))).rejects.toMatchObject({ code: 'command.id-reused' });
    expect(await store.headPosition()).toBe(head);
  });

  it('remembers a rejection: the same command later gets the same answer', async () => {
    const rejected = await send('c-1', order('o-1', 11));
    expect(rejected).toMatchObject({ status: 'rejected', code: 'stock.insufficient' });
    await send('c-2', cmd('AdjustStock', { productId: 'p-2', delta: 5 }));
    expect(await send('c-1', order('o-1', 11))).toEqual(rejected);
    expect(await send('c-3', order('o-1', 11))).toMatchObject({ status: 'accepted' });
  });

  it('refuses a principal that may not send the command, and records nothing', async () => {
    const seller = cmd('SetRefundPolicy', { returnWindowDays: 1, autoApproveLimit: 0 });
    await expect(handler.handle('c-9', seller, { role: 'SELLER', shopId: 'shop-2' })).rejects.toBeInstanceOf(
      DomainError,
    );
    expect(await store.findCommand('c-9')).toBeNull();
  });

  it('records SYSTEM as the actor of a refund approved under the auto-approve limit, the buyer of its request', async () => {
    const at = '2026-11-03T00:00:00.000Z';
    await send('c-1', cmd('SetRefundPolicy', { returnWindowDays: 30, autoApproveLimit: 1000 }));
    await send('c-2', order('o-1', 1));
    await send('c-3', cmd('ShipOrder', { orderId: 'o-1', carrier: 'UPS_GROUND', trackingNumber: '1Z' }, { at }));
    const refund = { orderId: 'o-1', refundId: 'r-1', refundType: 'REFUND_ONLY' as const, reason: 'broken' };
    const request = cmd('RequestRefund', { ...refund, lines: [{ productId: 'p-2', quantity: 1 }] }, { at });
    expect(await send('c-4', request)).toMatchObject({ status: 'accepted' });
    const { events } = await store.readStream('order-shop-1/o-1');
    expect(events.slice(-2).map((e) => [e.type, e.metadata.actor.role, e.metadata.commandId])).toEqual([
      ['RefundRequested', 'BUYER', 'c-4'],
      ['RefundApproved', 'SYSTEM', 'c-4'],
    ]);
  });

  it('sells the last 10 units exactly once to 20 concurrent buyers', async () => {
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => send(`buy-${i}`, order(`o-${i}`, 1))));
    expect(outcomes.filter((o) => o.status === 'accepted')).toHaveLength(10);
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as { code: string }).code)).toEqual(
      Array(10).fill('stock.insufficient'),
    );
    const product = await store.readStream('product-shop-1/p-2');
    expect(product.events.filter((e) => e.type === 'StockReserved')).toHaveLength(10);
  });

  it('does not reject on a stale cache: another instance listed the product meanwhile', async () => {
    const other = new CommandHandler(store);
    const p3 = (id: string) =>
      cmd(
        'PlaceOrder',
        {
          orderId: id,
          buyerId: 'b-1',
          lines: [{ productId: 'p-9', quantity: 1 }],
          shipTo: { country: 'US', region: 'CA' },
          channel: 'LIVE',
        },
        { at: '2026-11-02T00:00:00.000Z' },
      );
    expect(await send('c-1', p3('o-1'))).toMatchObject({ status: 'rejected', code: 'product.not-found' });
    await other.handle('c-2', cmd('ListProduct', { productId: 'p-9', title: 't', price: 100, stock: 1 }), {
      role: 'SELLER',
      shopId: 'shop-1',
    });
    await other.handle('c-3', cmd('ApproveProduct', { productId: 'p-9' }), { role: 'PLATFORM' });
    expect(await send('c-4', p3('o-2'))).toMatchObject({ status: 'accepted' });
  });

  it('does not accept on a stale cache: another instance sold the stock meanwhile', async () => {
    const other = new CommandHandler(store);
    expect(await send('c-1', order('o-1', 1))).toMatchObject({ status: 'accepted' });
    expect(await other.handle('c-2', order('o-2', 9), { role: 'BUYER' })).toMatchObject({ status: 'accepted' });
    expect(await send('c-3', order('o-3', 1))).toMatchObject({ status: 'rejected', code: 'stock.insufficient' });
  });

  it('writes exactly what the pure decideOn decides, actors included, for random command sequences', async () => {
    await fc.assert(
      fc.asyncProperty(commandSequence(25), async (tail) => {
        const { store: fresh, cleanup: clean } = await open();
        try {
          const path = new CommandHandler(fresh);
          const history: DomainEvent[] = [];
          const reference: Recorded[] = [];
          for (const [i, command] of [...opening(), ...tail].entries()) {
            let expected: Emitted<DomainEvent>[] = [];
            try {
              expected = decideOn(history, command);
            } catch (error) {
              if (!(error instanceof DomainError)) throw error;
            }
            history.push(...expected);
            const { actor } = command.metadata;
            reference.push(...expected.map((e) => ({ type: e.type, data: e.data, actor: e.actor ?? actor })));
            const outcome = await path.handle(`seq-${i}`, command, asActor(command));
            expect(outcome.status).toBe(expected.length ? 'accepted' : 'rejected');
          }
          expect(await readAllEvents(fresh)).toEqual(reference);
        } finally {
          await fresh.close();
          await clean();
        }
      }),
      { numRuns: 15 },
    );
  });
}

describe('command path on SQLite', () => {
  commandPathSuite(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sce-app-'));
    return {
      store: new SqliteEventStore(join(dir, 'events.db')),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  });
});

describeWith('postgres', 'command path on PostgreSQL', () => {
  commandPathSuite(async () => {
    const { schema, drop } = await freshSchema();
    return { store: await PostgresEventStore.connect({ connectionString: TEST_PG_URL, schema }), cleanup: drop };
  });
});
