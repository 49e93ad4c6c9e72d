import type { Command, Principal } from '@sce/domain';
import { SqliteEventStore, type EventStore, type ReadStreamsOptions } from '@sce/event-store';
import { cmd, opening } from '@sce/domain/testkit';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandHandler } from './command-handler';

const asActor = (command: Command): Principal =>
  command.metadata.actor.role === 'SELLER'
    ? { role: 'SELLER', shopId: command.shopId }
    : { role: command.metadata.actor.role };

const placing = (orderId: string) =>
  cmd(
    'PlaceOrder',
    {
      orderId,
      buyerId: 'b-1',
      lines: [{ productId: 'p-2', quantity: 1 }],
      shipTo: { country: 'US', region: 'CA' },
      channel: 'LIVE',
    },
    { at: '2026-11-02T00:00:00.000Z' },
  );

describe('a command that starts a stream (a new order, a new product)', () => {
  let dir: string;
  let store: EventStore;
  let read: string[][];
  const handlerOn = () => new CommandHandler(store);
  const send = (handler: CommandHandler, id: string, command: Command) => handler.handle(id, command, asActor(command));

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sce-starts-'));
    store = new SqliteEventStore(join(dir, 'events.db'));
    const readStreams = store.readStreams.bind(store);
    read = [];
    store.readStreams = (streams: readonly string[], options?: ReadStreamsOptions) => {
      read.push([...streams]);
      return readStreams(streams, options);
    };
    const opener = handlerOn();
    for (const [i, command] of opening().entries())
      expect(await send(opener, `open-${i}`, command)).toMatchObject({ status: 'accepted' });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is decided on the new stream without reading it first', async () => {
    const handler = handlerOn();
    read = [];
    expect(await send(handler, 'c-1', placing('o-1'))).toMatchObject({ status: 'accepted' });
    expect(read.flat()).not.toContain('order-shop-1/o-1');
    expect(read.flat()).toEqual(expect.arrayContaining(['shop-shop-1', 'product-shop-1/p-2']));
  });

  it('reads the stream after all when it exists: the guess is refused by the append, the answer is the real one', async () => {
    expect(await send(handlerOn(), 'c-1', placing('o-1'))).toMatchObject({ status: 'accepted' });
    // Another engine (a handler with nothing cached) places the same order id again.
    const other = handlerOn();
    read = [];
    expect(await send(other, 'c-2', placing('o-1'))).toMatchObject({
      status: 'rejected',
      code: 'order.already-exists',
    });
    expect(read.flat()).toContain('order-shop-1/o-1');
    const orders: string[] = [];
    for await (const batch of store.readAll())
      for (const e of batch) if (e.type === 'OrderPlaced') orders.push(e.stream);
    expect(orders).toEqual(['order-shop-1/o-1']);
  });
});
