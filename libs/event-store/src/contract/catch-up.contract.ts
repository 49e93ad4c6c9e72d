import { NO_STREAM } from '../event-store.port';
import { subscribe } from '../subscription';
import type { ContractContext } from './context';
import { events, stream } from './fixtures';

/** Twenty events, each its own append (KurrentDB gives the events of one append one position). */
async function history(ctx: ContractContext): Promise<number> {
  const s = stream();
  for (let i = 0; i < 20; i++)
    await ctx.store.append([{ stream: s, expected: i === 0 ? NO_STREAM : i - 1, events: events(1) }]);
  return ctx.store.headPosition();
}

/**
 * Reading a long log leaves the process responsive: the event loop turns between batches even on a
 * store whose calls complete at once (SQLite), so HTTP and the Kafka consumer's heartbeats go on.
 * The probe is a `setImmediate` queued as the read starts: it runs at the loop's next turn.
 */
export function catchUpContract(ctx: ContractContext): void {
  describe('catching up', () => {
    it('lets the event loop turn between the batches of a subscription', async () => {
      const head = await history(ctx);
      const subscription = subscribe(ctx.store, { after: 0, batchSize: 1, idleMs: 200 }, () => undefined);
      const sawAtTurn = new Promise<number>((resolve) => setImmediate(() => resolve(subscription.position)));
      try {
        expect(await sawAtTurn).toBeLessThan(head);
      } finally {
        await subscription.stop();
      }
    });

    it('lets the event loop turn between the batches of readAll', async () => {
      await history(ctx);
      let read = 0;
      const sawAtTurn = new Promise<number>((resolve) => setImmediate(() => resolve(read)));
      for await (const batch of ctx.store.readAll({ batchSize: 1 })) read += batch.length;
      expect(read).toBe(20);
      expect(await sawAtTurn).toBeLessThan(20);
    });
  });
}
