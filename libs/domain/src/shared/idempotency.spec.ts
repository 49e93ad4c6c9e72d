import { specFor } from '@sce/testing';
import { assertSameCommand, commandFingerprint, type CommandIdentity } from './idempotency';

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
