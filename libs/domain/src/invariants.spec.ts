import fc from 'fast-check';
import { decideOn } from './decide-on';
import type { Command, CommandType, DomainEvent } from './messages';
import type { OrderState } from './order/order.types';
import type { ProductState } from './product/product.types';
import { COMMAND_TYPES, foldFor, streamOf } from './registry';
import { DomainError } from './shared/domain-error';
import { commandSequence, opening } from './testing/arbitraries';

interface Step {
  type: CommandType;
  emitted: DomainEvent[];
  /** Each stream's state before and after the step. */
  before: Map<string, unknown>;
  states: Map<string, unknown>;
}

/** Runs commands in order against a growing history (a rejection changes nothing), folding states as it goes. */
function run(commands: Command[], onStep: (step: Step) => void = () => undefined): Map<string, unknown> {
  const history: DomainEvent[] = [];
  let states = new Map<string, unknown>();
  for (const command of commands) {
    let emitted: DomainEvent[] = [];
    try {
      emitted = decideOn(history, command);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
    const before = states;
    states = new Map(states);
    for (const event of emitted) {
      const stream = streamOf(event);
      const fold = foldFor(stream);
      states.set(stream, fold.evolve(states.get(stream) ?? fold.initialState(), event));
    }
    history.push(...emitted);
    onStep({ type: command.type, emitted, before, states });
  }
  return states;
}

function statesOf<S>(states: Map<string, unknown>, category: string): [string, S][] {
  return [...states].filter(([stream]) => stream.startsWith(`${category}-`)) as [string, S][];
}

describe('invariants over random command sequences', () => {
  const sequences = commandSequence().map((tail) => [...opening(), ...tail]);
  const params = { numRuns: 300 };

  it('stock never goes negative', () => {
    fc.assert(
      fc.property(sequences, (commands) => {
        run(commands, ({ emitted, states }) => {
          for (const event of emitted.filter((e) => streamOf(e).startsWith('product-'))) {
            expect((states.get(streamOf(event)) as ProductState).stock).toBeGreaterThanOrEqual(0);
          }
        });
      }),
      params,
    );
  });

  it('refunds never exceed what was paid, nor quantities what was bought', () => {
    fc.assert(
      fc.property(sequences, (commands) => {
        let issued = new Map<string, number>();
        run(commands, ({ emitted }) => {
          for (const e of emitted)
            if (e.type === 'RefundIssued')
              issued = new Map(issued).set(streamOf(e), (issued.get(streamOf(e)) ?? 0) + e.data.amount);
        });
        const states = run(commands);
        for (const [stream, order] of statesOf<OrderState>(states, 'order')) {
          const live = order.refunds.filter((r) => r.status !== 'REJECTED');
          expect(live.reduce((sum, r) => sum + r.amount, 0)).toBeLessThanOrEqual(order.itemsTotal);
          expect(issued.get(stream) ?? 0).toBeLessThanOrEqual(order.itemsTotal);
          for (const { productId } of order.lines) {
            const claimed = live.flatMap((r) => r.lines).filter((l) => l.productId === productId);
            const bought = order.lines.filter((l) => l.productId === productId).reduce((n, l) => n + l.quantity, 0);
            expect(claimed.reduce((n, l) => n + l.quantity, 0)).toBeLessThanOrEqual(bought);
          }
        }
      }),
      params,
    );
  });

  it('no command moves an order out of CANCELLED or COMPLETED', () => {
    fc.assert(
      fc.property(sequences, (commands) => {
        run(commands, ({ emitted, before }) => {
          for (const stream of emitted.map(streamOf).filter((s) => s.startsWith('order-'))) {
            expect(['CANCELLED', 'COMPLETED']).not.toContain((before.get(stream) as OrderState | undefined)?.status);
          }
        });
      }),
      params,
    );
  });

  it('stock is what was listed and adjusted, less what orders hold', () => {
    fc.assert(
      fc.property(sequences, (commands) => {
        const expected = new Map<string, number>();
        const states = run(commands, ({ emitted }) => {
          for (const e of emitted) {
            const change =
              e.type === 'ProductListed'
                ? e.data.stock
                : e.type === 'StockAdjusted'
                  ? e.data.delta
                  : e.type === 'StockReserved'
                    ? -e.data.quantity
                    : e.type === 'StockReleased'
                      ? e.data.quantity
                      : 0;
            if (change) expected.set(streamOf(e), (expected.get(streamOf(e)) ?? 0) + change);
          }
        });
        for (const [stream, product] of statesOf<ProductState>(states, 'product')) {
          expect(product.stock).toBe(expected.get(stream) ?? 0);
        }
      }),
      params,
    );
  });

  it('conserves stock through packages, cancellations and returns', () => {
    fc.assert(
      fc.property(sequences, (commands) => {
        const supplied = new Map<string, number>();
        const states = run(commands, ({ emitted }) => {
          for (const e of emitted) {
            if (e.type !== 'ProductListed' && e.type !== 'StockAdjusted') continue;
            const change = e.type === 'ProductListed' ? e.data.stock : e.data.delta;
            supplied.set(e.data.productId, (supplied.get(e.data.productId) ?? 0) + change);
          }
        });
        const held = new Map<string, number>();
        const add = (productId: string, units: number) => held.set(productId, (held.get(productId) ?? 0) + units);
        for (const [, order] of statesOf<OrderState>(states, 'order')) {
          const packaged = order.packages.flatMap((p) => p.lines);
          for (const { productId, quantity } of order.lines) {
            const inPackages = packaged.filter((l) => l.productId === productId).reduce((n, l) => n + l.quantity, 0);
            const bought = order.lines.filter((l) => l.productId === productId).reduce((n, l) => n + l.quantity, 0);
            expect(inPackages).toBeLessThanOrEqual(bought);
            if (order.status === 'CANCELLED') expect(inPackages).toBe(0);
            else add(productId, quantity);
          }
          const returned = order.refunds.filter(
            (r) => r.refundType === 'RETURN_AND_REFUND' && (r.status === 'RETURN_RECEIVED' || r.status === 'REFUNDED'),
          );
          for (const { productId, quantity } of returned.flatMap((r) => r.lines)) add(productId, -quantity);
        }
        for (const [stream, product] of statesOf<ProductState>(states, 'product')) {
          const productId = stream.slice(stream.indexOf('/') + 1);
          expect(product.stock + (held.get(productId) ?? 0)).toBe(supplied.get(productId) ?? 0);
        }
      }),
      params,
    );
  });

  it('reach every command type accepted (a fixed sample, so the claim does not depend on luck)', () => {
    const accepted = new Set<CommandType>();
    for (const commands of fc.sample(sequences, { numRuns: 1500, seed: 2026 })) {
      run(commands, ({ type, emitted }) => emitted.length && accepted.add(type));
    }
    expect(COMMAND_TYPES.filter((type) => !accepted.has(type))).toEqual([]);
  });
});
