import { cmd, ev, line, packageShipped, placed, shopRegistered } from '@sce/domain/testkit';
import { documents, historyOf, openingIn, stored } from '../testing/history';
import type { OrderDoc } from './order.projection';

const on = { shopId: 'shop-1', orderId: 'o-1' };
const PLACED = '2026-11-20T06:00:00.000Z';
const hours = (iso: string, h: number) => new Date(Date.parse(iso) + h * 3_600_000).toISOString();
const [order] = placed('o-1', [line('p-1', 2, 1500), line('p-2', 1, 900)], { at: PLACED });
const given = [
  stored(shopRegistered('shop-1'), '2026-11-01T00:00:00.000Z', 'PLATFORM'),
  stored(order!, PLACED, 'BUYER'),
];
const then = async (...events: ReturnType<typeof stored>[]) =>
  (await documents<OrderDoc>([...given, ...events], 'order'))['o-1']!;

const requested = (cancellationId: string, at: string) =>
  stored(
    ev('CancellationRequested', {
      ...on,
      cancellationId,
      reason: 'changed my mind',
      requestedAt: at,
      respondBy: hours(at, 48),
    }),
    at,
    'BUYER',
  );

describe('orders v2: deadlines, packages and cancellation requests', () => {
  it('takes the ship-by deadline from OrderPlaced, and the auto-cancel 72 h after it', async () => {
    expect(await then()).toMatchObject({
      status: 'AWAITING_SHIPMENT',
      shipBy: hours(PLACED, 3 * 24),
      autoCancelAt: hours(PLACED, 3 * 24 + 72),
      packages: [],
      cancellations: [],
      cancelled: null,
      completeAt: null,
    });
  });

  it('keeps each package with what it holds; PARTIALLY_SHIPPED until OrderShipped', async () => {
    const first = packageShipped('o-1', 'pk-1', [{ productId: 'p-1', quantity: 2 }], { at: hours(PLACED, 10) });
    const o = await then(stored(first, hours(PLACED, 10), 'SELLER'));
    expect(o.status).toBe('PARTIALLY_SHIPPED');
    expect(o.packages).toEqual([
      {
        packageId: 'pk-1',
        lines: [{ productId: 'p-1', quantity: 2 }],
        carrier: 'UPS_GROUND',
        trackingNumber: '1Z999',
        shippedAt: hours(PLACED, 10),
        late: false,
        autoConfirmAt: hours(PLACED, 10 + 14 * 24),
        deliveredAt: null,
      },
    ]);
    expect(o.shippedLate).toBe(false);
    expect(o.history.map((h) => h.type)).toEqual(['OrderPlaced', 'PackageShipped']);
  });

  it('marks the order shipped late from a late package, and ships it with the last one', async () => {
    const late = hours(PLACED, 4 * 24);
    const o = await then(
      stored(
        packageShipped('o-1', 'pk-1', [{ productId: 'p-1', quantity: 2 }], { at: hours(PLACED, 1) }),
        hours(PLACED, 1),
      ),
      stored(packageShipped('o-1', 'pk-2', [{ productId: 'p-2', quantity: 1 }], { at: late, late: true }), late),
      stored(
        ev('OrderShipped', {
          ...on,
          carrier: 'UPS_GROUND',
          trackingNumber: '1Z',
          shippedBy: 'SELLER',
          shippedLate: true,
        }),
        late,
      ),
    );
    expect([o.status, o.shippedLate, o.packages.map((p) => [p.packageId, p.late])]).toEqual([
      'SHIPPED',
      true,
      [
        ['pk-1', false],
        ['pk-2', true],
      ],
    ]);
  });

  it('delivers package by package; OrderDelivered records the auto-complete and dates every package', async () => {
    const shippedAt = hours(PLACED, 2);
    const o = await then(
      stored(packageShipped('o-1', 'pk-1', [{ productId: 'p-1', quantity: 2 }], { at: shippedAt }), shippedAt),
      stored(packageShipped('o-1', 'pk-2', [{ productId: 'p-2', quantity: 1 }], { at: shippedAt }), shippedAt),
      stored(
        ev('OrderShipped', { ...on, carrier: 'UPS_GROUND', trackingNumber: '1Z', shippedBy: 'SELLER' }),
        shippedAt,
      ),
      stored(ev('PackageDelivered', { ...on, packageId: 'pk-2', deliveredAt: hours(PLACED, 30) }), hours(PLACED, 30)),
    );
    expect([o.status, o.packages.map((p) => p.deliveredAt)]).toEqual(['SHIPPED', [null, hours(PLACED, 30)]]);
    const last = hours(PLACED, 50);
    const completeAt = hours(last, 30 * 24 + 1 / 3600);
    const done = await then(
      stored(packageShipped('o-1', 'pk-1', [{ productId: 'p-1', quantity: 2 }], { at: shippedAt }), shippedAt),
      stored(
        ev('OrderShipped', { ...on, carrier: 'UPS_GROUND', trackingNumber: '1Z', shippedBy: 'SELLER' }),
        shippedAt,
      ),
      stored(ev('PackageDelivered', { ...on, packageId: 'pk-1', deliveredAt: last }), last, 'SYSTEM'),
      stored(ev('OrderDelivered', { ...on, deliveredAt: last, completeAt }), last, 'SYSTEM'),
    );
    expect(done).toMatchObject({ status: 'DELIVERED', deliveredAt: last, completeAt });
    expect(done.packages.map((p) => p.deliveredAt)).toEqual([last]);
    expect(done.history.slice(-2).map((h) => [h.type, h.by])).toEqual([
      ['PackageDelivered', 'SYSTEM'],
      ['OrderDelivered', 'SYSTEM'],
    ]);
  });

  it('takes an OrderShipped of before packages as one package of every unit', async () => {
    const at = hours(PLACED, 5);
    const o = await then(
      stored(ev('OrderShipped', { ...on, carrier: 'UPS_GROUND', trackingNumber: '1Z-old', shippedBy: 'SELLER' }), at),
      stored(ev('OrderDelivered', { ...on, deliveredAt: hours(at, 24) }), hours(at, 24)),
    );
    expect(o.packages).toEqual([
      {
        packageId: 'o-1/1',
        lines: [
          { productId: 'p-1', quantity: 2 },
          { productId: 'p-2', quantity: 1 },
        ],
        carrier: 'UPS_GROUND',
        trackingNumber: '1Z-old',
        shippedAt: at,
        late: false,
        autoConfirmAt: null,
        deliveredAt: hours(at, 24),
      },
    ]);
    expect([o.status, o.completeAt]).toEqual(['DELIVERED', null]);
  });

  it('keeps a pending cancellation request with its respondBy, then the seller’s rejection', async () => {
    const at = hours(PLACED, 2);
    const pending = await then(requested('c-1', at));
    expect(pending.cancellations).toEqual([
      {
        cancellationId: 'c-1',
        reason: 'changed my mind',
        requestedAt: at,
        respondBy: hours(at, 48),
        status: 'PENDING',
        answeredAt: null,
        answeredBy: null,
        automatic: false,
        rejectReason: null,
      },
    ]);
    const rejected = await then(
      requested('c-1', at),
      stored(
        ev('CancellationRejected', { ...on, cancellationId: 'c-1', reason: 'already packed', rejectedBy: 'SELLER' }),
        hours(at, 3),
        'SELLER',
      ),
    );
    expect([rejected.status, rejected.cancellations]).toEqual([
      'AWAITING_SHIPMENT',
      [
        expect.objectContaining({
          status: 'REJECTED',
          answeredAt: hours(at, 3),
          answeredBy: 'SELLER',
          rejectReason: 'already packed',
        }),
      ],
    ]);
    expect(rejected.history.map((h) => [h.type, h.by])).toEqual([
      ['OrderPlaced', 'BUYER'],
      ['CancellationRequested', 'BUYER'],
      ['CancellationRejected', 'SELLER'],
    ]);
  });

  it('approves at respondBy as the system: the order is cancelled as the buyer’s', async () => {
    const at = hours(PLACED, 2);
    const o = await then(
      requested('c-1', at),
      stored(
        ev('CancellationApproved', { ...on, cancellationId: 'c-1', approvedBy: 'SYSTEM', automatic: true }),
        hours(at, 48),
      ),
      stored(ev('OrderCancelled', { ...on, reason: 'changed my mind', cancelledBy: 'BUYER' }), hours(at, 48)),
    );
    expect(o).toMatchObject({
      status: 'CANCELLED',
      cancelled: { at: hours(at, 48), by: 'BUYER', reason: 'changed my mind' },
      cancellations: [{ status: 'APPROVED', answeredAt: hours(at, 48), answeredBy: 'SYSTEM', automatic: true }],
    });
  });

  it('ends a pending request when the order is cancelled otherwise (SHIPPING_OVERDUE)', async () => {
    const at = hours(PLACED, 100);
    const o = await then(
      requested('c-1', hours(PLACED, 99)),
      stored(ev('OrderCancelled', { ...on, reason: 'SHIPPING_OVERDUE', cancelledBy: 'SYSTEM' }), at),
    );
    expect([o.status, o.cancelled, o.cancellations.map((c) => [c.status, c.answeredAt])]).toEqual([
      'CANCELLED',
      { at, by: 'SYSTEM', reason: 'SHIPPING_OVERDUE' },
      [['ENDED', null]],
    ]);
  });

  it('follows the decider: a partial ShipPackage, then ShipOrder ships the rest as the next package', async () => {
    const at = '2026-11-03T00:00:00.000Z';
    const order = { orderId: 'o-1', buyerId: 'b-1', shipTo: { country: 'US', region: 'CA' }, channel: 'LIVE' } as const;
    const parcel = { orderId: 'o-1', carrier: 'UPS_GROUND', trackingNumber: '1Z' };
    const events = historyOf([
      ...openingIn('UTC'),
      cmd('PlaceOrder', { ...order, lines: [{ productId: 'p-2', quantity: 3 }] }, { at }),
      cmd(
        'ShipPackage',
        { ...parcel, packageId: 'box-a', lines: [{ productId: 'p-2', quantity: 1 }] },
        { at: hours(at, 1) },
      ),
    ]);
    const partly = (await documents<OrderDoc>(events, 'order'))['o-1']!;
    expect([partly.status, partly.packages.map((p) => p.lines)]).toEqual([
      'PARTIALLY_SHIPPED',
      [[{ productId: 'p-2', quantity: 1 }]],
    ]);
    const all = historyOf([
      ...openingIn('UTC'),
      cmd('PlaceOrder', { ...order, lines: [{ productId: 'p-2', quantity: 3 }] }, { at }),
      cmd(
        'ShipPackage',
        { ...parcel, packageId: 'box-a', lines: [{ productId: 'p-2', quantity: 1 }] },
        { at: hours(at, 1) },
      ),
      cmd('ShipOrder', parcel, { at: hours(at, 2) }),
    ]);
    const shipped = (await documents<OrderDoc>(all, 'order'))['o-1']!;
    expect([shipped.status, shipped.packages.map((p) => [p.packageId, p.lines])]).toEqual([
      'SHIPPED',
      [
        ['box-a', [{ productId: 'p-2', quantity: 1 }]],
        ['o-1/2', [{ productId: 'p-2', quantity: 2 }]],
      ],
    ]);
  });
});
