import { ConcurrencyError, DuplicateCommandError } from '../errors';
import type { EventStore, StoredEvent } from '../event-store.port';
import { NO_STREAM } from '../event-store.port';
import { subscribe } from '../subscription';
import { event, events, stream } from './fixtures';

const command = (commandId: string, s: string) => ({
  commandId,
  fingerprint: `fp-${commandId}`,
  writes: [{ stream: s, expected: NO_STREAM, events: events(2) }],
});

/** Opens a fresh, empty store for one test, and a way to reopen the same store after closing it. */
export interface StoreFactory {
  open(): Promise<{ store: EventStore; reopen(): Promise<EventStore>; cleanup(): Promise<void> }>;
}

async function collect(store: EventStore, after = 0): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  for await (const batch of store.readAll({ after, batchSize: 7 })) all.push(...batch);
  return all;
}

export interface ContractOptions {
  /** KurrentDB: all events of one append share the commit position, so positions only never decrease. */
  sharedCommitPositions?: boolean;
}

/** The behaviour every event store adapter must have. Each adapter's int-spec calls this. */
export function eventStoreContract(factory: StoreFactory, options: ContractOptions = {}): void {
  let store: EventStore;
  let reopen: () => Promise<EventStore>;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ store, reopen, cleanup } = await factory.open()));
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  describe('append and read', () => {
    it('creates a stream at revision 0 and returns the global positions', async () => {
      const s = stream();
      const result = await store.append([{ stream: s, expected: NO_STREAM, events: events(3) }]);
      expect(result.streams).toEqual([{ stream: s, revision: 2 }]);
      expect(result.positions).toHaveLength(3);
      if (!options.sharedCommitPositions) expect(new Set(result.positions).size).toBe(3);
      const read = await store.readStream(s);
      expect(read.revision).toBe(2);
      expect(read.events.map((e) => [e.revision, e.position, e.data])).toEqual(
        [0, 1, 2].map((n) => [n, result.positions[n], { n }]),
      );
      expect(await store.headPosition()).toBe(result.positions[2]);
    });

    it('reads several streams at once, unknown ones empty', async () => {
      const [a, b, none] = [stream(), stream('product'), stream()];
      await store.append([
        { stream: a, expected: NO_STREAM, events: events(2) },
        { stream: b, expected: NO_STREAM, events: events(1) },
      ]);
      const reads = await store.readStreams([a, none, b]);
      expect([...reads.keys()].sort()).toEqual([a, b, none].sort());
      expect(reads.get(a)!.events.map((e) => e.revision)).toEqual([0, 1]);
      expect(reads.get(b)!.revision).toBe(0);
      expect(reads.get(none)).toEqual({ revision: NO_STREAM, events: [] });
    });

    it('reads an unknown stream as empty, at NO_STREAM', async () => {
      expect(await store.readStream(stream())).toEqual({ revision: NO_STREAM, events: [] });
    });

    it('keeps type, data and metadata as written', async () => {
      const s = stream();
      const written = event('RefundIssued', {
        amount: 1999,
        lines: [{ productId: 'p-1', quantity: 2 }],
        note: 'ünïcödé ✓',
      });
      await store.append([{ stream: s, expected: NO_STREAM, events: [written] }]);
      const [read] = (await store.readStream(s)).events;
      expect(read).toMatchObject({
        stream: s,
        revision: 0,
        type: 'RefundIssued',
        data: written.data,
        metadata: written.metadata,
      });
      expect(read!.id).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('refuses a wrong expected revision and writes nothing', async () => {
      const s = stream();
      await store.append([{ stream: s, expected: NO_STREAM, events: events(2) }]);
      const head = await store.headPosition();
      await expect(store.append([{ stream: s, expected: 0, events: events(1) }])).rejects.toBeInstanceOf(
        ConcurrencyError,
      );
      await expect(store.append([{ stream: s, expected: NO_STREAM, events: events(1) }])).rejects.toMatchObject({
        stream: s,
        actual: 1,
      });
      expect(await store.headPosition()).toBe(head);
    });

    it("appends at any revision with 'any'", async () => {
      const s = stream();
      await store.append([{ stream: s, expected: 'any', events: events(1) }]);
      const result = await store.append([{ stream: s, expected: 'any', events: events(1) }]);
      expect(result.streams).toEqual([{ stream: s, revision: 1 }]);
    });
  });

  describe('atomic appends across streams', () => {
    it('writes all streams or none', async () => {
      const [a, b] = [stream(), stream('product')];
      await store.append([{ stream: b, expected: NO_STREAM, events: events(1) }]);
      const head = await store.headPosition();
      await expect(
        store.append([
          { stream: a, expected: NO_STREAM, events: events(1) },
          { stream: b, expected: NO_STREAM, events: events(1) },
        ]),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      expect((await store.readStream(a)).events).toEqual([]);
      expect(await store.headPosition()).toBe(head);
      const ok = await store.append([
        { stream: a, expected: NO_STREAM, events: events(1) },
        { stream: b, expected: 0, events: events(2) },
      ]);
      expect(ok.streams).toEqual([
        { stream: a, revision: 0 },
        { stream: b, revision: 2 },
      ]);
    });

    it('checks a stream it only read (no events) and leaves it as it was', async () => {
      const [order, shop] = [stream(), stream('shop')];
      await store.append([{ stream: shop, expected: NO_STREAM, events: events(1) }]);
      await expect(
        store.append([
          { stream: order, expected: NO_STREAM, events: events(1) },
          { stream: shop, expected: NO_STREAM, events: [] },
        ]),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      await store.append([
        { stream: order, expected: NO_STREAM, events: events(1) },
        { stream: shop, expected: 0, events: [] },
      ]);
      expect((await store.readStream(shop)).revision).toBe(0);
      expect((await store.readStream(order)).revision).toBe(0);
    });
  });

  describe('the global log', () => {
    it('reads every event once, in strictly increasing positions, in batches', async () => {
      const streams = [stream(), stream(), stream()];
      for (let round = 0; round < 4; round++) {
        await Promise.all(streams.map((s, i) => store.append([{ stream: s, expected: 'any', events: events(i + 1) }])));
      }
      const all = await collect(store);
      expect(all).toHaveLength(4 * 6);
      for (let i = 1; i < all.length; i++) {
        if (options.sharedCommitPositions) expect(all[i]!.position).toBeGreaterThanOrEqual(all[i - 1]!.position);
        else expect(all[i]!.position).toBeGreaterThan(all[i - 1]!.position);
      }
      const cut = all.findIndex((e, i) => i >= 10 && all[i + 1]!.position !== e.position);
      expect(await collect(store, all[cut]!.position)).toEqual(all.slice(cut + 1));
    });

    it('filters by event type and by stream category', async () => {
      await store.append([
        { stream: stream('order'), expected: NO_STREAM, events: [event('OrderPlaced'), event('OrderShipped')] },
      ]);
      await store.append([{ stream: stream('product'), expected: NO_STREAM, events: [event('ProductListed')] }]);
      const byType = await store.readBatch(0, 100, { eventTypes: ['OrderShipped', 'ProductListed'] });
      expect(byType.map((e) => e.type)).toEqual(['OrderShipped', 'ProductListed']);
      const byCategory = await store.readBatch(0, 100, { categories: ['order'] });
      expect(byCategory.map((e) => e.type)).toEqual(['OrderPlaced', 'OrderShipped']);
    });

    it('follows the log: catches up, then receives live appends in order', async () => {
      const s = stream();
      await store.append([{ stream: s, expected: NO_STREAM, events: events(5) }]);
      const seen: StoredEvent[] = [];
      const subscription = subscribe(
        store,
        { after: 0, batchSize: 2, idleMs: 200 },
        (batch) => void seen.push(...batch),
      );
      for (let i = 0; i < 5; i++) await store.append([{ stream: s, expected: 'any', events: events(1) }]);
      const deadline = Date.now() + 10_000;
      while (seen.length < 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      await subscription.stop();
      expect(seen.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(subscription.position).toBe(seen[9]!.position);
    });

    it('stops a subscription whose handler throws, and says why', async () => {
      await store.append([{ stream: stream(), expected: NO_STREAM, events: events(1) }]);
      const subscription = subscribe(store, { after: 0, idleMs: 50 }, () => {
        throw new Error('projection bug');
      });
      await expect(subscription.done).rejects.toThrow('projection bug');
      expect(subscription.position).toBe(0);
    });
  });

  describe('the command ledger', () => {
    it('records the command with its events, and refuses the id again with the first outcome', async () => {
      const s = stream();
      const first = await store.appendCommand(command('c-1', s));
      const head = await store.headPosition();
      const again = store.appendCommand(command('c-1', stream()));
      await expect(again).rejects.toBeInstanceOf(DuplicateCommandError);
      await expect(again).rejects.toMatchObject({
        record: { commandId: 'c-1', fingerprint: 'fp-c-1', outcome: { status: 'accepted', ...first } },
      });
      expect(await store.headPosition()).toBe(head);
      expect(await store.findCommand('c-1')).toEqual({
        commandId: 'c-1',
        fingerprint: 'fp-c-1',
        outcome: { status: 'accepted', ...first },
      });
    });

    it('does not record a command whose append failed', async () => {
      const s = stream();
      await store.append([{ stream: s, expected: NO_STREAM, events: events(1) }]);
      await expect(store.appendCommand(command('c-2', s))).rejects.toBeInstanceOf(ConcurrencyError);
      expect(await store.findCommand('c-2')).toBeNull();
    });

    it('gives the same event ids to the same command', async () => {
      const s = stream();
      await store.appendCommand(command('c-3', s));
      const ids = (await store.readStream(s)).events.map((e) => e.id);
      expect(new Set(ids).size).toBe(2);
    });

    it('remembers a rejection, and the first one wins', async () => {
      const rejected = { status: 'rejected' as const, code: 'stock.insufficient', message: 'no stock' };
      expect(await store.recordRejection('c-4', 'fp', rejected)).toEqual({
        commandId: 'c-4',
        fingerprint: 'fp',
        outcome: rejected,
      });
      const other = { ...rejected, code: 'product.not-active' };
      expect(await store.recordRejection('c-4', 'fp', other)).toEqual({
        commandId: 'c-4',
        fingerprint: 'fp',
        outcome: rejected,
      });
      await expect(store.appendCommand(command('c-4', stream()))).rejects.toMatchObject({
        record: { outcome: rejected },
      });
    });

    it('keeps everything after a restart', async () => {
      const s = stream();
      const first = await store.appendCommand(command('c-5', s));
      await store.close();
      store = await reopen();
      expect((await store.readStream(s)).events).toHaveLength(2);
      expect((await store.findCommand('c-5'))?.outcome).toEqual({ status: 'accepted', ...first });
      await expect(store.appendCommand(command('c-5', s))).rejects.toBeInstanceOf(DuplicateCommandError);
    });
  });

  describe('concurrent writers', () => {
    it('32 writers racing on the same streams lose no update and never share a revision', async () => {
      const [a, b] = [stream(), stream()];
      const perWriter = 4;
      const writer = async (w: number) => {
        for (let n = 0; n < perWriter; n++) {
          for (;;) {
            const [ra, rb] = await Promise.all([store.readStream(a), store.readStream(b)]);
            try {
              await store.append([
                { stream: a, expected: ra.revision, events: [event('Tick', { w, n })] },
                { stream: b, expected: rb.revision, events: [event('Tock', { w, n })] },
              ]);
              break;
            } catch (error) {
              if (!(error instanceof ConcurrencyError)) throw error;
            }
          }
        }
      };
      await Promise.all(Array.from({ length: 32 }, (_, w) => writer(w)));
      for (const s of [a, b]) {
        const { events: written } = await store.readStream(s);
        expect(written.map((e) => e.revision)).toEqual(Array.from({ length: 32 * perWriter }, (_, i) => i));
        const pairs = new Set(written.map((e) => JSON.stringify(e.data)));
        expect(pairs.size).toBe(32 * perWriter);
      }
    });

    it('32 concurrent submissions of one command id write once, and all see the same outcome', async () => {
      const s = stream();
      const settled = await Promise.allSettled(
        Array.from({ length: 32 }, () => store.appendCommand(command('c-6', s))),
      );
      const accepted = settled.filter((r) => r.status === 'fulfilled');
      expect(accepted).toHaveLength(1);
      const outcome = { status: 'accepted', ...(accepted[0] as PromiseFulfilledResult<unknown>).value! };
      for (const r of settled.filter((r) => r.status === 'rejected')) {
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateCommandError);
        expect((r as PromiseRejectedResult).reason.record.outcome).toEqual(outcome);
      }
      expect((await store.readStream(s)).events).toHaveLength(2);
    });
  });
}
