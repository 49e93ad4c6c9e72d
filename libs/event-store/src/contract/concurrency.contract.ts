import { ConcurrencyError, DuplicateCommandError } from '../errors';
import type { ContractContext } from './context';
import { command, event, stream } from './fixtures';

/** Many writers at once: no lost update, no shared revision, one write per command id. */
export function concurrencyContract(ctx: ContractContext): void {
  describe('concurrent writers', () => {
    it('32 writers racing on the same streams lose no update and never share a revision', async () => {
      const [a, b] = [stream(), stream()];
      const perWriter = 4;
      const writer = async (w: number) => {
        for (let n = 0; n < perWriter; n++) {
          for (;;) {
            const [ra, rb] = await Promise.all([ctx.store.readStream(a), ctx.store.readStream(b)]);
            try {
              await ctx.store.append([
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
        const { events: written } = await ctx.store.readStream(s);
        expect(written.map((e) => e.revision)).toEqual(Array.from({ length: 32 * perWriter }, (_, i) => i));
        const pairs = new Set(written.map((e) => JSON.stringify(e.data)));
        expect(pairs.size).toBe(32 * perWriter);
      }
    });

    it('32 concurrent submissions of one command id write once, and all see the same outcome', async () => {
      const s = stream();
      const settled = await Promise.allSettled(
        Array.from({ length: 32 }, () => ctx.store.appendCommand(command('c-6', s))),
      );
      const accepted = settled.filter((r) => r.status === 'fulfilled');
      expect(accepted).toHaveLength(1);
      const outcome = { status: 'accepted', ...(accepted[0] as PromiseFulfilledResult<unknown>).value! };
      for (const r of settled.filter((r) => r.status === 'rejected')) {
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateCommandError);
        expect((r as PromiseRejectedResult).reason.record.outcome).toEqual(outcome);
      }
      expect((await ctx.store.readStream(s)).events).toHaveLength(2);
    });
  });
}
