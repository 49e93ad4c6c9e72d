import { cmd, placeOrder } from '@sce/domain/testkit';
import fc from 'fast-check';
import { isPast } from '../deadlines/deadline';
import { overdue } from '../deadlines/overdue.query';
import { returns } from '../returns/returns.query';
import { documents, historyOf, openingIn } from '../testing/history';
import { replayedDocs } from '../testing/memory-docs';
import { pendingCancellation, TO_SHIP, type OrderDoc } from './order.doc';
import { ordersToShip } from './to-ship.query';

const DAY = 86_400_000;
const START = Date.parse('2026-11-02T00:00:00.000Z');
const at = (ms: number) => new Date(START + ms).toISOString();
const parcel = (orderId: string) => ({ orderId, carrier: 'UPS_GROUND', trackingNumber: `1Z-${orderId}` });

const FATES = ['none', 'ship', 'part', 'cancel', 'ask', 'ask-approve', 'ask-reject'] as const;
/** What may happen to one order after it is placed, each at its own instant. */
const fate = fc.constantFrom(...FATES);

interface OrderCase {
  placed: number;
  after: number;
  fate: (typeof FATES)[number];
  quantity: number;
}

const orderArb: fc.Arbitrary<OrderCase> = fc.record({
  placed: fc.integer({ min: 0, max: 4 * DAY }),
  after: fc.integer({ min: 0, max: 2 * DAY }),
  fate,
  quantity: fc.integer({ min: 1, max: 2 }),
});

function commandsOf(orders: OrderCase[]) {
  return orders.flatMap(({ placed, after, fate, quantity }, i) => {
    const orderId = `o-${i}`;
    const later = { at: at(placed + after) };
    const place = placeOrder(orderId, quantity, { at: at(placed) });
    const ask = cmd('RequestCancellation', { orderId, cancellationId: `c-${i}`, reason: 'late' }, later);
    const answerAt = { at: at(placed + after + 1000) };
    const next = {
      none: [],
      ship: [cmd('ShipOrder', parcel(orderId), later)],
      part: [
        cmd(
          'ShipPackage',
          { ...parcel(orderId), packageId: 'box-1', lines: [{ productId: 'p-2', quantity: 1 }] },
          later,
        ),
      ],
      cancel: [cmd('CancelOrder', { orderId, reason: 'out of stock' }, later)],
      ask: [ask],
      'ask-approve': [ask, cmd('ApproveCancellation', { orderId, cancellationId: `c-${i}` }, answerAt)],
      'ask-reject': [
        ask,
        cmd('RejectCancellation', { orderId, cancellationId: `c-${i}`, reason: 'shipped' }, answerAt),
      ],
    }[fate];
    return [place, ...next];
  });
}

/** The queues as every order of the shop, read whole and sorted in memory, gives them. */
function naive(orders: OrderDoc[], asOf: string) {
  const queue = orders
    .filter((o) => TO_SHIP.includes(o.status))
    .sort((a, b) =>
      a.shipBy === b.shipBy
        ? a.orderId < b.orderId
          ? -1
          : 1
        : a.shipBy === null
          ? 1
          : b.shipBy === null
            ? -1
            : Date.parse(a.shipBy) - Date.parse(b.shipBy),
    );
  const asking = orders.filter((o) => pendingCancellation(o));
  return {
    queue: queue.map((o) => o.orderId),
    overdue: queue.filter((o) => isPast(o.shipBy, asOf)).length,
    asking: asking.map((o) => o.orderId).sort(),
    askingOverdue: asking.filter((o) => isPast(pendingCancellation(o)!.respondBy, asOf)).length,
  };
}

describe('the queues to ship and to answer, read from their indexes', () => {
  it('are what every order of the shop, sorted in memory, says they are', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(orderArb, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 0, max: 10 * DAY }),
        fc.integer({ min: 1, max: 30 }),
        async (orders, asOfMs, limit) => {
          const events = historyOf([...openingIn('UTC'), ...commandsOf(orders)]);
          const docs = await replayedDocs(events);
          const asOf = at(asOfMs);
          const expected = naive(Object.values(await documents<OrderDoc>(events, 'order')), asOf);
          const toShip = await ordersToShip(docs, 'shop-1', { asOf, limit });
          expect(toShip.orders.map((o) => o.orderId)).toEqual(expected.queue.slice(0, limit));
          expect([toShip.total, toShip.overdue]).toEqual([expected.queue.length, expected.overdue]);
          const late = await overdue(docs, 'shop-1', { asOf });
          expect([late.toShip, late.cancellationRequests]).toEqual([expected.overdue, expected.askingOverdue]);
          const answers = await returns(docs, 'shop-1', { from: '2026-11-01', to: '2026-11-10' }, asOf);
          expect(answers.pendingCancellations.map((c) => c.orderId).sort()).toEqual(expected.asking);
        },
      ),
      { numRuns: 60 },
    );
  });
});
