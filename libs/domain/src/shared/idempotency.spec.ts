import { specFor } from '@sce/testing';
import { assertSameCommand, commandFingerprint, type CommandIdentity } from './idempotency';
import fc from 'fast-check';

/** The ledger's rule as a decision: the first command recorded under an id, then the same id again. */
const ledger = specFor<CommandIdentity, CommandIdentity>((history, again) => {
  const first = history[0];
  if (first) assertSameCommand('c-1', commandFingerprint(first), commandFingerprint(again));
  return first ? [] : [again];
});

describe('a command id used again', () => {
  const first = {
    type: 'PlaceOrder',
    shopId: 'shop-1',
    payload: { orderId: 'o-1', lines: [{ productId: 'p', quantity: 2 }] },
  };

  it('is the same command whatever the key order, and records nothing new', () => {
    const reordered = {
      payload: { lines: [{ quantity: 2, productId: 'p' }], orderId: 'o-1' },
      shopId: 'shop-1',
      type: 'PlaceOrder',
    };
    ledger.given([first]).when(reordered).then([]);
  });

  it('is refused when the payload, type or shop differ', () => {
    ledger
      .given([first])
      .when({ ...first, payload: { ...first.payload, orderId: 'o-2' } })
      .thenRejects('command.id-reused');
    ledger
      .given([first])
      .when({ ...first, type: 'CancelOrder' })
      .thenRejects('command.id-reused');
    ledger
      .given([first])
      .when({ ...first, shopId: 'shop-2' })
      .thenRejects('command.id-reused');
  });
});

describe('the fingerprint text', () => {
  // The text as the first release wrote it: ledgers on disk hold digests of it, so it must not change.
  const firstRelease = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(firstRelease);
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, firstRelease(v)]));
  };

  it('is the one recorded by earlier releases, for any payload', () => {
    fc.assert(
      fc.property(fc.string(), fc.option(fc.string(), { nil: undefined }), fc.anything(), (type, shopId, payload) => {
        expect(commandFingerprint({ type, shopId, payload })).toBe(
          JSON.stringify(firstRelease({ type, shopId: shopId ?? null, payload })),
        );
      }),
      { numRuns: 500 },
    );
  });
});
