import { ConcurrencyError } from '../errors';
import type { EventStore, StoredEvent } from '../event-store.port';
import { NO_STREAM } from '../event-store.port';
import { subscribe } from '../subscription';
import type { ContractContext, ContractOptions, StoreFactory } from './context';
import { event, events, stream } from './fixtures';
import { catchUpContract } from './catch-up.contract';
import { concurrencyContract } from './concurrency.contract';
import { ledgerContract } from './ledger.contract';
import { snapshotContract } from './snapshot.contract';

async function collect(store: EventStore, after = 0): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  for await (const batch of store.readAll({ after, batchSize: 7 })) all.push(...batch);
  return all;
}

/** The behaviour every event store adapter must have. Each adapter's int-spec calls this. */
export function eventStoreContract(factory: StoreFactory, options: ContractOptions = {}): void {
  const ctx = {} as ContractContext;
  beforeEach(async () => Object.assign(ctx, await factory.open()));
  afterEach(async () => {
    await ctx.store.close();
    await ctx.cleanup();
  });

  describe('append and read', () => {
    it('creates a stream at revision 0 and returns the global positions', async () => {
      const s = stream();
      const result = await ctx.store.append([{ stream: s, expected: NO_STREAM, events: events(3) }]);
      expect(result.streams).toEqual([{ stream: s, revision: 2 }]);
      expect(result.positions).toHaveLength(3);
      if (!options.sharedCommitPositions) expect(new Set(result.positions).size).toBe(3);
      const read = await ctx.store.readStream(s);
      expect(read.revision).toBe(2);
      expect(read.events.map((e) => [e.revision, e.position, e.data])).toEqual(
        [0, 1, 2].map((n) => [n, result.positions[n], { n }]),
      );
      expect(await ctx.store.headPosition()).toBe(result.positions[2]);
    });

    it('reads several streams at once, unknown ones empty', async () => {
      const [a, b, none] = [stream(), stream('product'), stream()];
      await ctx.store.append([
        { stream: a, expected: NO_STREAM, events: events(2) },
        { stream: b, expected: NO_STREAM, events: events(1) },
      ]);
      const reads = await ctx.store.readStreams([a, none, b]);
      expect([...reads.keys()].sort()).toEqual([a, b, none].sort());
      expect(reads.get(a)!.events.map((e) => e.revision)).toEqual([0, 1]);
      expect(reads.get(b)!.revision).toBe(0);
      expect(reads.get(none)).toEqual({ revision: NO_STREAM, events: [] });
    });

    it('answers concurrent reads of overlapping streams each with exactly its own streams', async () => {
      const streams = Array.from({ length: 6 }, () => stream());
      for (const [i, s] of streams.entries())
        await ctx.store.append([{ stream: s, expected: NO_STREAM, events: events(i + 1) }]);
      const asked = Array.from({ length: 12 }, (_, i) => [streams[i % 6]!, streams[(i + 1) % 6]!, stream()]);
      const answers = await Promise.all(asked.map((names) => ctx.store.readStreams(names)));
      for (const [i, answer] of answers.entries()) {
        expect([...answer.keys()].sort()).toEqual([...asked[i]!].sort());
        expect(answer.get(asked[i]![0]!)!.events).toHaveLength((i % 6) + 1);
        expect(answer.get(asked[i]![1]!)!.events).toHaveLength(((i + 1) % 6) + 1);
        expect(answer.get(asked[i]![2]!)).toEqual({ revision: NO_STREAM, events: [] });
      }
    });

    it('reads an unknown stream as empty, at NO_STREAM', async () => {
      expect(await ctx.store.readStream(stream())).toEqual({ revision: NO_STREAM, events: [] });
    });

    it('keeps type, data and metadata as written', async () => {
      const s = stream();
      const written = event('RefundIssued', {
        amount: 1999,
        lines: [{ productId: 'p-1', quantity: 2 }],
        note: 'ünïcödé ✓',
      });
      await ctx.store.append([{ stream: s, expected: NO_STREAM, events: [written] }]);
      const [read] = (await ctx.store.readStream(s)).events;
      expect(read).toMatchObject({
        stream: s,
        revision: 0,
        type: 'RefundIssued',
        data: written.data,
        metadata: written.metadata,
      });
      expect(read!.id).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('records when each event was stored, as the same ISO 8601 UTC text on every read', async () => {
      const s = stream('product');
      const before = Date.now();
      await ctx.store.append([{ stream: s, expected: NO_STREAM, events: events(2) }]);
      const reads = [
        (await ctx.store.readStream(s)).events,
        (await ctx.store.readStreams([s])).get(s)!.events,
        await collect(ctx.store),
        (
          await ctx.store
            .readAll({ filter: { categories: ['product'] } })
            [Symbol.asyncIterator]()
            .next()
        ).value,
      ] as StoredEvent[][];
      for (const read of reads) {
        expect(read.map((e) => e.recordedAt)).toEqual(reads[0]!.map((e) => e.recordedAt));
        for (const { recordedAt } of read) {
          expect(new Date(recordedAt).toISOString()).toBe(recordedAt);
          expect(Date.parse(recordedAt)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 - 5000);
          expect(Date.parse(recordedAt)).toBeLessThanOrEqual(Date.now() + 5000);
        }
      }
    });

    it('refuses a wrong expected revision and writes nothing', async () => {
      const s = stream();
      await ctx.store.append([{ stream: s, expected: NO_STREAM, events: events(2) }]);
      const head = await ctx.store.headPosition();
      await expect(ctx.store.append([{ stream: s, expected: 0, events: events(1) }])).rejects.toBeInstanceOf(
        ConcurrencyError,
      );
      await expect(ctx.store.append([{ stream: s, expected: NO_STREAM, events: events(1) }])).rejects.toMatchObject({
        stream: s,
        actual: 1,
      });
      expect(await ctx.store.headPosition()).toBe(head);
    });

    it("appends at any revision with 'any'", async () => {
      const s = stream();
      await ctx.store.append([{ stream: s, expected: 'any', events: events(1) }]);
      const result = await ctx.store.append([{ stream: s, expected: 'any', events: events(1) }]);
      expect(result.streams).toEqual([{ stream: s, revision: 1 }]);
    });
  });

  describe('atomic appends across streams', () => {
    it('writes all streams or none', async () => {
      const [a, b] = [stream(), stream('product')];
      await ctx.store.append([{ stream: b, expected: NO_STREAM, events: events(1) }]);
      const head = await ctx.store.headPosition();
      await expect(
        ctx.store.append([
          { stream: a, expected: NO_STREAM, events: events(1) },
          { stream: b, expected: NO_STREAM, events: events(1) },
        ]),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      expect((await ctx.store.readStream(a)).events).toEqual([]);
      expect(await ctx.store.headPosition()).toBe(head);
      const ok = await ctx.store.append([
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
      await ctx.store.append([{ stream: shop, expected: NO_STREAM, events: events(1) }]);
      await expect(
        ctx.store.append([
          { stream: order, expected: NO_STREAM, events: events(1) },
          { stream: shop, expected: NO_STREAM, events: [] },
        ]),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      await ctx.store.append([
        { stream: order, expected: NO_STREAM, events: events(1) },
        { stream: shop, expected: 0, events: [] },
      ]);
      expect((await ctx.store.readStream(shop)).revision).toBe(0);
      expect((await ctx.store.readStream(order)).revision).toBe(0);
    });
  });

  describe('the global log', () => {
    it('reads every event once, in strictly increasing positions, in batches', async () => {
      const streams = [stream(), stream(), stream()];
      for (let round = 0; round < 4; round++) {
        await Promise.all(
          streams.map((s, i) => ctx.store.append([{ stream: s, expected: 'any', events: events(i + 1) }])),
        );
      }
      const all = await collect(ctx.store);
      expect(all).toHaveLength(4 * 6);
      for (let i = 1; i < all.length; i++) {
        if (options.sharedCommitPositions) expect(all[i]!.position).toBeGreaterThanOrEqual(all[i - 1]!.position);
        else expect(all[i]!.position).toBeGreaterThan(all[i - 1]!.position);
      }
      const cut = all.findIndex((e, i) => i >= 10 && all[i + 1]!.position !== e.position);
      expect(await collect(ctx.store, all[cut]!.position)).toEqual(all.slice(cut + 1));
    });

    it('reads the same events in pages of any size, filtered or not, as batch by batch', async () => {
      const [order, product] = [stream('order'), stream('product')];
      for (let round = 0; round < 6; round++) {
        await ctx.store.append([
          { stream: order, expected: 'any', events: [event('OrderPlaced', { round, note: 'ünï "q" \\ ✓\n' })] },
          { stream: product, expected: 'any', events: [event('StockAdjusted', { lines: [{ n: round }], ok: null })] },
        ]);
      }
      const reference = await ctx.store.readBatch(0, 1000);
      const pages = async (options: Parameters<EventStore['readAll']>[0]) => {
        const all: StoredEvent[] = [];
        for await (const batch of ctx.store.readAll(options)) all.push(...batch);
        return all;
      };
      for (const batchSize of [1, 5, 1000]) expect(await pages({ batchSize })).toStrictEqual(reference);
      expect(await pages({ batchSize: 2, filter: { categories: ['product'] } })).toStrictEqual(
        reference.filter((e) => e.stream === product),
      );
      expect(
        await pages({ batchSize: 2, after: reference[3]!.position, filter: { eventTypes: ['OrderPlaced'] } }),
      ).toStrictEqual(reference.filter((e, i) => i > 3 && e.type === 'OrderPlaced'));
      let batches = 0;
      for await (const batch of ctx.store.readAll({ batchSize: 2 })) if (batch.length && ++batches === 3) break;
      expect(await ctx.store.headPosition()).toBe(reference[reference.length - 1]!.position);
    });

    it('filters by event type and by stream category', async () => {
      await ctx.store.append([
        { stream: stream('order'), expected: NO_STREAM, events: [event('OrderPlaced'), event('OrderShipped')] },
      ]);
      await ctx.store.append([{ stream: stream('product'), expected: NO_STREAM, events: [event('ProductListed')] }]);
      const byType = await ctx.store.readBatch(0, 100, { eventTypes: ['OrderShipped', 'ProductListed'] });
      expect(byType.map((e) => e.type)).toEqual(['OrderShipped', 'ProductListed']);
      const byCategory = await ctx.store.readBatch(0, 100, { categories: ['order'] });
      expect(byCategory.map((e) => e.type)).toEqual(['OrderPlaced', 'OrderShipped']);
    });

    it('follows the log: catches up, then receives live appends in order', async () => {
      const s = stream();
      await ctx.store.append([{ stream: s, expected: NO_STREAM, events: events(5) }]);
      const seen: StoredEvent[] = [];
      const subscription = subscribe(
        ctx.store,
        { after: 0, batchSize: 2, idleMs: 200 },
        (batch) => void seen.push(...batch),
      );
      for (let i = 0; i < 5; i++) await ctx.store.append([{ stream: s, expected: 'any', events: events(1) }]);
      const deadline = Date.now() + 10_000;
      while (seen.length < 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      await subscription.stop();
      expect(seen.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(subscription.position).toBe(seen[9]!.position);
    });

    it('lingers after a short batch, so appends close together arrive as one batch', async () => {
      const s = stream();
      const batches: number[][] = [];
      const append = () => ctx.store.append([{ stream: s, expected: 'any', events: events(1) }]);
      const subscription = subscribe(ctx.store, { after: 0, batchSize: 100, idleMs: 5_000, lingerMs: 400 }, (b) => {
        batches.push(b.map((e) => e.revision));
      });
      await append();
      while (batches.length < 1) await new Promise((r) => setTimeout(r, 5));
      await append(); // the subscription is lingering: this waits for the next read ...
      await new Promise((r) => setTimeout(r, 50));
      await append(); // ... and so does this one
      while (batches.length < 2) await new Promise((r) => setTimeout(r, 5));
      const stopping = Date.now();
      await subscription.stop(); // not held up by the linger it is in
      expect(Date.now() - stopping).toBeLessThan(300);
      expect(batches).toEqual([[0], [1, 2]]);
    });

    it('stops a subscription whose handler throws, and says why', async () => {
      await ctx.store.append([{ stream: stream(), expected: NO_STREAM, events: events(1) }]);
      const subscription = subscribe(ctx.store, { after: 0, idleMs: 50 }, () => {
        throw new Error('projection bug');
      });
      await expect(subscription.done).rejects.toThrow('projection bug');
      expect(subscription.position).toBe(0);
    });
  });

  ledgerContract(ctx);
  concurrencyContract(ctx);
  catchUpContract(ctx);
  snapshotContract(ctx);
}
