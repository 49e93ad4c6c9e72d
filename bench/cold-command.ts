import { CommandHandler } from '@sce/application';
import { cmd, opening } from '@sce/domain/testkit';
import type { EventStore } from '@sce/event-store';

/** Long streams measured per figure; the figure is the median of their first commands. */
const SAMPLES = 3;
const SELLER = { role: 'SELLER' as const, shopId: 'shop-1' };
const metadata = { actor: { role: 'SELLER', id: 'seller-1' }, occurredAt: '2026-11-27T15:04:05.000Z' };

const elapsedMs = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/** The first command on `productId` through a fresh handler on a freshly opened store: its time in ms. */
async function firstCommand(open: () => Promise<EventStore>, productId: string, id: string): Promise<number> {
  const store = await open();
  try {
    const handler = new CommandHandler(store);
    const started = process.hrtime.bigint();
    const outcome = await handler.handle(id, cmd('AdjustStock', { productId, delta: 1 }), SELLER);
    const ms = elapsedMs(started);
    if (outcome.status !== 'accepted') throw new Error(`cold command not accepted: ${JSON.stringify(outcome)}`);
    await handler.settleSnapshots(60_000); // the snapshot this command made due, as a shutdown would
    return ms;
  } finally {
    await store.close();
  }
}

/**
 * `store.cold_command_ms.<n>`: products whose streams hold `length` events (StockAdjusted, about
 * 250 bytes each), then, for each, the first command after the store is opened again with an empty
 * cache. The first round has no snapshot yet (a whole read, then the snapshot is written), the
 * second starts from it: the figure. The process is warm (the code is compiled), the store and its
 * page cache are new, the OS's file cache is not.
 */
export async function coldCommandMs(open: () => Promise<EventStore>, length: number): Promise<number> {
  const products = Array.from({ length: SAMPLES }, (_, i) => `cold-${i}`);
  const store = await open();
  try {
    const handler = new CommandHandler(store);
    for (const [i, command] of opening().entries())
      await handler.handle(`cold-open-${i}`, command, { role: command.metadata.actor.role, shopId: 'shop-1' });
    for (const productId of products) {
      await handler.handle(
        `list-${productId}`,
        cmd('ListProduct', { productId, title: 'Cold', price: 1999, stock: 10 }),
        SELLER,
      );
      await handler.handle(`approve-${productId}`, cmd('ApproveProduct', { productId }), { role: 'PLATFORM' });
      for (let revision = 2; revision < length; revision += 1000) {
        const events = Array.from({ length: Math.min(1000, length - revision) }, (_, n) => ({
          type: 'StockAdjusted',
          data: {
            shopId: 'shop-1',
            productId,
            delta: 1,
            stock: 10 + revision + n - 1,
            reason: 'restock from the warehouse',
          },
          metadata,
        }));
        await store.append([{ stream: `product-shop-1/${productId}`, expected: revision - 1, events }]);
      }
    }
  } finally {
    await store.close();
  }
  const whole: number[] = [];
  for (const productId of products) whole.push(await firstCommand(open, productId, `whole-${productId}`));
  const snapshot: number[] = [];
  for (const productId of products) snapshot.push(await firstCommand(open, productId, `snap-${productId}`));
  const show = (values: number[]) => values.map((v) => v.toFixed(1)).join(', ');
  console.log(`cold command on ${length} events (ms): read whole ${show(whole)}; from a snapshot ${show(snapshot)}`);
  return Math.round(median(snapshot) * 100) / 100;
}
