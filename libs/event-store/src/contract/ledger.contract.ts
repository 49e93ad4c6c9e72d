import { ConcurrencyError, DuplicateCommandError } from '../errors';
import { NO_STREAM } from '../event-store.port';
import type { ContractContext } from './context';
import { command, events, stream } from './fixtures';

/** The command ledger: recorded with the events, first outcome wins, survives a restart. */
export function ledgerContract(ctx: ContractContext): void {
  describe('the command ledger', () => {
    it('records the command with its events, and refuses the id again with the first outcome', async () => {
      const s = stream();
      const first = await ctx.store.appendCommand(command('c-1', s));
      const head = await ctx.store.headPosition();
      const again = ctx.store.appendCommand(command('c-1', stream()));
      await expect(again).rejects.toBeInstanceOf(DuplicateCommandError);
      await expect(again).rejects.toMatchObject({
        record: { commandId: 'c-1', fingerprint: 'fp-c-1', outcome: { status: 'accepted', ...first } },
      });
      expect(await ctx.store.headPosition()).toBe(head);
      expect(await ctx.store.findCommand('c-1')).toEqual({
        commandId: 'c-1',
        fingerprint: 'fp-c-1',
        outcome: { status: 'accepted', ...first },
      });
    });

    it('does not record a command whose append failed', async () => {
      const s = stream();
      await ctx.store.append([{ stream: s, expected: NO_STREAM, events: events(1) }]);
      await expect(ctx.store.appendCommand(command('c-2', s))).rejects.toBeInstanceOf(ConcurrencyError);
      expect(await ctx.store.findCommand('c-2')).toBeNull();
    });

    it('gives the same event ids to the same command', async () => {
      const s = stream();
      await ctx.store.appendCommand(command('c-3', s));
      const ids = (await ctx.store.readStream(s)).events.map((e) => e.id);
      expect(new Set(ids).size).toBe(2);
    });

    it('remembers a rejection, and the first one wins', async () => {
      const rejected = { status: 'rejected' as const, code: 'stock.insufficient', message: 'no stock' };
      expect(await ctx.store.recordRejection('c-4', 'fp', rejected)).toEqual({
        commandId: 'c-4',
        fingerprint: 'fp',
        outcome: rejected,
      });
      const other = { ...rejected, code: 'product.not-active' };
      expect(await ctx.store.recordRejection('c-4', 'fp', other)).toEqual({
        commandId: 'c-4',
        fingerprint: 'fp',
        outcome: rejected,
      });
      await expect(ctx.store.appendCommand(command('c-4', stream()))).rejects.toMatchObject({
        record: { outcome: rejected },
      });
    });

    it('keeps everything after a restart', async () => {
      const s = stream();
      const first = await ctx.store.appendCommand(command('c-5', s));
      await ctx.store.close();
      ctx.store = await ctx.reopen();
      expect((await ctx.store.readStream(s)).events).toHaveLength(2);
      expect((await ctx.store.findCommand('c-5'))?.outcome).toEqual({ status: 'accepted', ...first });
      await expect(ctx.store.appendCommand(command('c-5', s))).rejects.toBeInstanceOf(DuplicateCommandError);
    });
  });
}
