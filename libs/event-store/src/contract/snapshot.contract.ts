import type { ReadStreamsOptions, StoredEvent } from '../event-store.port';
import { NO_STREAM } from '../event-store.port';
import type { ContractContext } from './context';
import { events, stream } from './fixtures';

const v = (entries: [string, number][]) => new Map(entries);
const revisions = (read: { events: StoredEvent[] } | undefined) => read?.events.map((e) => e.revision);

/**
 * Snapshots: a cache of folded states beside the log. `readStreams` starts a stream from the latest
 * snapshot of the fold version asked for, or from a revision the caller holds; anything unusable
 * (no snapshot, another version, past the stream's end) means reading more, never reading wrong.
 */
export function snapshotContract(ctx: ContractContext): void {
  /** A stream of `count` events, each its own append (KurrentDB gives one append one position). */
  async function streamOf(count: number, category = 'product'): Promise<string> {
    const s = stream(category);
    for (let i = 0; i < count; i++)
      await ctx.store.append([{ stream: s, expected: i === 0 ? NO_STREAM : i - 1, events: events(1) }]);
    return s;
  }
  const readOne = async (s: string, options: ReadStreamsOptions) => (await ctx.store.readStreams([s], options)).get(s)!;

  describe('snapshots', () => {
    it('reads a stream past its latest snapshot of the fold version asked for, others whole', async () => {
      const [s, other] = [await streamOf(5), await streamOf(2)];
      const state = { stock: 7, lines: [{ productId: 'p-1', quantity: 2 }], note: 'ünïcödé ✓', none: null };
      await ctx.store.writeSnapshot(s, 2, 1, state);
      const reads = await ctx.store.readStreams([s, other], { snapshots: v([[s, 1]]) });
      expect(reads.get(s)).toMatchObject({ revision: 4, snapshot: { revision: 2, state } });
      expect(revisions(reads.get(s))).toEqual([3, 4]);
      expect(reads.get(other)).toMatchObject({ revision: 1 });
      expect(reads.get(other)!.snapshot).toBeUndefined();
      expect(revisions(reads.get(other))).toEqual([0, 1]);
    });

    it('ignores a snapshot of another fold version, and keeps one per version side by side', async () => {
      const s = await streamOf(5);
      await ctx.store.writeSnapshot(s, 2, 1, { v: 1 });
      const other = await readOne(s, { snapshots: v([[s, 2]]) });
      expect(other.snapshot).toBeUndefined();
      expect([other.revision, revisions(other)]).toEqual([4, [0, 1, 2, 3, 4]]);
      await ctx.store.writeSnapshot(s, 3, 2, { v: 2 });
      expect((await readOne(s, { snapshots: v([[s, 1]]) })).snapshot).toEqual({ revision: 2, state: { v: 1 } });
      expect((await readOne(s, { snapshots: v([[s, 2]]) })).snapshot).toEqual({ revision: 3, state: { v: 2 } });
    });

    it('never replaces a later snapshot by an earlier one', async () => {
      const s = await streamOf(6);
      await ctx.store.writeSnapshot(s, 3, 1, { at: 3 });
      await ctx.store.writeSnapshot(s, 1, 1, { at: 1 });
      expect((await readOne(s, { snapshots: v([[s, 1]]) })).snapshot).toEqual({ revision: 3, state: { at: 3 } });
      await ctx.store.writeSnapshot(s, 5, 1, { at: 5 });
      const read = await readOne(s, { snapshots: v([[s, 1]]) });
      expect([read.snapshot, read.revision, read.events]).toEqual([{ revision: 5, state: { at: 5 } }, 5, []]);
    });

    it('ignores a snapshot past the end of its stream, and one of a stream with no events', async () => {
      const [s, empty] = [await streamOf(3), stream('product')];
      await ctx.store.writeSnapshot(s, 9, 1, { at: 9 });
      await ctx.store.writeSnapshot(empty, 0, 1, { at: 0 });
      const reads = await ctx.store.readStreams([s, empty], {
        snapshots: v([
          [s, 1],
          [empty, 1],
        ]),
      });
      expect(reads.get(s)!.snapshot).toBeUndefined();
      expect([reads.get(s)!.revision, revisions(reads.get(s))]).toEqual([2, [0, 1, 2]]);
      expect(reads.get(empty)).toEqual({ revision: NO_STREAM, events: [] });
    });

    it('reads past a revision the caller holds, or past a later snapshot, or whole when the stream is shorter', async () => {
      const s = await streamOf(6);
      expect(await readOne(s, { from: v([[s, 3]]) })).toMatchObject({ revision: 5, from: 3 });
      expect(revisions(await readOne(s, { from: v([[s, 3]]) }))).toEqual([4, 5]);
      expect(await readOne(s, { from: v([[s, 5]]) })).toEqual({ revision: 5, from: 5, events: [] });
      await ctx.store.writeSnapshot(s, 4, 1, { at: 4 });
      const both = v([[s, 1]]);
      expect(await readOne(s, { from: v([[s, 2]]), snapshots: both })).toMatchObject({ snapshot: { revision: 4 } });
      const later = await readOne(s, { from: v([[s, 5]]), snapshots: both });
      expect([later.from, later.snapshot, later.events]).toEqual([5, undefined, []]);
      const past = await readOne(s, { from: v([[s, 8]]) });
      expect([past.from, past.revision, revisions(past)]).toEqual([undefined, 5, [0, 1, 2, 3, 4, 5]]);
    });

    it('answers concurrent reads of one stream, each as its options ask', async () => {
      const s = await streamOf(4);
      await ctx.store.writeSnapshot(s, 2, 1, { at: 2 });
      const asked: (ReadStreamsOptions | undefined)[] = [
        undefined,
        { snapshots: v([[s, 1]]) },
        { snapshots: v([[s, 3]]) },
        { from: v([[s, 0]]) },
      ];
      const reads = await Promise.all(asked.map(async (options) => (await ctx.store.readStreams([s], options)).get(s)));
      expect(reads.map(revisions)).toEqual([[0, 1, 2, 3], [3], [0, 1, 2, 3], [1, 2, 3]]);
      expect(reads.map((r) => r!.revision)).toEqual([3, 3, 3, 3]);
    });

    it('keeps snapshots out of the log: no position, not read, and they survive a restart', async () => {
      const s = await streamOf(3, 'order');
      const head = await ctx.store.headPosition();
      const log: StoredEvent[] = [];
      for await (const batch of ctx.store.readAll()) log.push(...batch);
      await ctx.store.writeSnapshot(s, 2, 1, { at: 2 });
      expect(await ctx.store.headPosition()).toBe(head);
      const after: StoredEvent[] = [];
      for await (const batch of ctx.store.readAll()) after.push(...batch);
      expect(after).toStrictEqual(log);
      expect(await ctx.store.readBatch(0, 1000, { categories: ['order'] })).toHaveLength(3);
      expect(revisions(await ctx.store.readStream(s))).toEqual([0, 1, 2]);
      await ctx.store.close();
      ctx.store = await ctx.reopen();
      expect((await readOne(s, { snapshots: v([[s, 1]]) })).snapshot).toEqual({ revision: 2, state: { at: 2 } });
    });

    it('refuses a snapshot at no revision of an event', async () => {
      const s = await streamOf(1);
      await expect(ctx.store.writeSnapshot(s, NO_STREAM, 1, {})).rejects.toBeInstanceOf(RangeError);
      await expect(ctx.store.writeSnapshot(s, 0.5, 1, {})).rejects.toBeInstanceOf(RangeError);
    });
  });
}
