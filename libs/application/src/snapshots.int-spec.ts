import { foldFor, type Command, type Principal, type ProductState } from '@sce/domain';
import { cmd, opening, placeOrder } from '@sce/domain/testkit';
import { PostgresEventStore, SqliteEventStore, type EventStore, type StreamRead } from '@sce/event-store';
import { describeWith, freshSchema, TEST_PG_URL } from '@sce/test-stack';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandHandler, type HandleOptions } from './command-handler';

const P2 = 'product-shop-1/p-2';
const asActor = (command: Command): Principal =>
  command.metadata.actor.role === 'SELLER'
    ? { role: 'SELLER', shopId: command.shopId }
    : { role: command.metadata.actor.role };
const adjust = (delta = 1) => cmd('AdjustStock', { productId: 'p-2', delta });
const order = (orderId: string, quantity: number) => placeOrder(orderId, quantity, { at: '2026-11-02T00:00:00.000Z' });

function snapshotSuite(open: () => Promise<{ store: EventStore; cleanup(): Promise<void> }>) {
  let store: EventStore;
  let cleanup: () => Promise<void>;
  let n = 0;
  const send = (handler: CommandHandler, command: Command) => handler.handle(`s-${n++}`, command, asActor(command));
  const handlerWith = (options: HandleOptions = {}) => new CommandHandler(store, options);
  const snapshotOf = async (stream: string, version = foldFor(stream).version) =>
    (await store.readStreams([stream], { snapshots: new Map([[stream, version]]) })).get(stream)!.snapshot;
  /** A handler that remembers what each stream read returned. */
  function watched(options?: HandleOptions) {
    const reads: Map<string, StreamRead>[] = [];
    const readStreams = store.readStreams.bind(store);
    jest.spyOn(store, 'readStreams').mockImplementation(async (...args) => {
      const read = await readStreams(...args);
      reads.push(read);
      return read;
    });
    return { handler: handlerWith(options), reads };
  }

  beforeEach(async () => {
    ({ store, cleanup } = await open());
    const handler = handlerWith();
    for (const command of opening()) expect(await send(handler, command)).toMatchObject({ status: 'accepted' });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await store.close();
    await cleanup();
  });

  it('writes a snapshot after the append once a stream has grown `every` events past its last one', async () => {
    const handler = handlerWith({ snapshots: { every: 5 } });
    const write = jest.spyOn(store, 'writeSnapshot');
    for (let i = 0; i < 2; i++) await send(handler, adjust()); // p-2 at revision 3
    expect(await send(handler, adjust())).toMatchObject({ status: 'accepted' }); // revision 4: 5 events
    expect(write).not.toHaveBeenCalled(); // not on the command's path: after it was answered
    expect(await handler.settleSnapshots()).toBe(true);
    expect(write).toHaveBeenCalledTimes(1);
    expect(await snapshotOf(P2)).toEqual({ revision: 4, state: expect.objectContaining({ stock: 13 }) });
    for (let i = 0; i < 4; i++) await send(handler, adjust());
    await handler.settleSnapshots();
    expect((await snapshotOf(P2))!.revision).toBe(4);
    await send(handler, adjust());
    await handler.settleSnapshots();
    expect(await snapshotOf(P2)).toEqual({ revision: 9, state: expect.objectContaining({ stock: 18 }) });
  });

  it('after a restart, folds from the snapshot and the events after it, and decides the same', async () => {
    const first = handlerWith({ snapshots: { every: 3 } });
    for (let i = 0; i < 4; i++) {
      await send(first, adjust(2)); // stock 18 at revision 5: snapshots at 2 and 5
      await first.settleSnapshots();
    }
    await send(first, adjust(-1)); // stock 17, revision 6
    const { handler, reads } = watched();
    expect(await send(handler, order('o-1', 18))).toMatchObject({ status: 'rejected', code: 'stock.insufficient' });
    expect(reads[0]!.get(P2)).toMatchObject({ revision: 6, snapshot: { revision: 5 } });
    expect(reads[0]!.get(P2)!.events.map((e) => e.revision)).toEqual([6]);
    expect(await send(handler, order('o-2', 17))).toMatchObject({ status: 'accepted' });
  });

  it('ignores a snapshot of another fold version, and reads the stream whole', async () => {
    await send(handlerWith(), adjust());
    const fake: ProductState = { listed: true, status: 'ACTIVE', title: 't', price: 1, stock: 999, reason: null };
    await store.writeSnapshot(P2, 2, foldFor(P2).version + 1, fake);
    const { handler, reads } = watched();
    expect(await send(handler, order('o-1', 12))).toMatchObject({ status: 'rejected', code: 'stock.insufficient' });
    expect(reads[0]!.get(P2)!.snapshot).toBeUndefined();
    expect(reads[0]!.get(P2)!.events).toHaveLength(3);
  });

  it('reads a stream whole when its fold cannot continue from the snapshot', async () => {
    await send(handlerWith(), adjust(5)); // revision 2, stock 15
    await store.writeSnapshot(P2, 1, foldFor(P2).version, null); // StockAdjusted cannot fold onto null
    expect(await send(handlerWith(), order('o-1', 15))).toMatchObject({ status: 'accepted' });
  });

  it('reports a snapshot it could not write, and the command stands', async () => {
    const onError = jest.fn();
    jest.spyOn(store, 'writeSnapshot').mockRejectedValue(new Error('disk full'));
    const handler = handlerWith({ snapshots: { every: 1, onError } });
    expect(await send(handler, adjust())).toMatchObject({ status: 'accepted' });
    await handler.settleSnapshots();
    expect(onError).toHaveBeenCalledWith(P2, expect.objectContaining({ message: 'disk full' }));
    expect((await store.readStream(P2)).revision).toBe(2);
  });

  it('waits a bounded time for snapshot writes that do not finish', async () => {
    jest.spyOn(store, 'writeSnapshot').mockReturnValue(new Promise(() => undefined));
    const handler = handlerWith({ snapshots: { every: 1 } });
    await send(handler, adjust());
    const started = Date.now();
    expect(await handler.settleSnapshots(100)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('writes no snapshot with `every: 0`', async () => {
    const write = jest.spyOn(store, 'writeSnapshot');
    const handler = handlerWith({ snapshots: { every: 0 } });
    for (let i = 0; i < 3; i++) await send(handler, adjust());
    await handler.settleSnapshots();
    expect(write).not.toHaveBeenCalled();
  });
}

describe('snapshots on the command path, SQLite', () => {
  snapshotSuite(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sce-snap-'));
    return {
      store: new SqliteEventStore(join(dir, 'events.db')),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  });
});

describeWith('postgres', 'snapshots on the command path, PostgreSQL', () => {
  snapshotSuite(async () => {
    const { schema, drop } = await freshSchema();
    return { store: await PostgresEventStore.connect({ connectionString: TEST_PG_URL, schema }), cleanup: drop };
  });
});
