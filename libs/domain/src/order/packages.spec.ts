import { spec } from '../testing/domain-spec';
import { activeProduct, at, cmd, ev, readyShop, SHOP, T0 } from '../testing/fixtures';
import { line, packageShipped, placed } from '../testing/story';

const o = { shopId: SHOP, orderId: 'o-1' };
const shop = [...readyShop(), ...activeProduct('p-1', 2000, 10), ...activeProduct('p-2', 1000, 10)];
const bought = [...shop, ...placed('o-1', [line('p-1', 2, 2000), line('p-2', 1, 1000)])];
const shipBy = at(T0, 72);

const shipPackage = (packageId: string, lines: { productId: string; quantity: number }[], hours = 1) =>
  cmd(
    'ShipPackage',
    { orderId: 'o-1', packageId, lines, carrier: 'UPS_GROUND', trackingNumber: '1Z999' },
    { at: at(T0, hours) },
  );
const first = packageShipped('o-1', 'box-1', [{ productId: 'p-1', quantity: 1 }], { at: at(T0, 1) });
const orderShipped = (shippedLate = false) =>
  ev('OrderShipped', { ...o, carrier: 'UPS_GROUND', trackingNumber: '1Z999', shippedBy: 'SELLER', shippedLate });

describe('ShipPackage', () => {
  it('ships part of the order: a package, the order PARTIALLY_SHIPPED, due for delivery in 14 days', () => {
    spec
      .given(bought)
      .when(shipPackage('box-1', [{ productId: 'p-1', quantity: 1 }]))
      .then([first]);
  });

  it('ships the order with the package that holds its last units', () => {
    const lines = [
      { productId: 'p-1', quantity: 1 },
      { productId: 'p-2', quantity: 1 },
    ];
    spec
      .given([...bought, first])
      .when(shipPackage('box-2', lines, 2))
      .then([packageShipped('o-1', 'box-2', lines, { at: at(T0, 2) }), orderShipped()]);
  });

  it('never ships more units than are unshipped, counting repeated lines together', () => {
    spec
      .given([...bought, first])
      .when(shipPackage('box-2', [{ productId: 'p-1', quantity: 2 }]))
      .thenRejects('package.quantity-exceeded', /1 unshipped units of p-1; 2 in package box-2/);
    spec
      .given(bought)
      .when(
        shipPackage('box-1', [
          { productId: 'p-2', quantity: 1 },
          { productId: 'p-2', quantity: 1 },
        ]),
      )
      .thenRejects('package.quantity-exceeded');
    spec
      .given(bought)
      .when(shipPackage('box-1', [{ productId: 'p-9', quantity: 1 }]))
      .thenRejects('package.quantity-exceeded');
  });

  it('refuses a package id the order already has', () => {
    spec
      .given([...bought, first])
      .when(shipPackage('box-1', [{ productId: 'p-2', quantity: 1 }]))
      .thenRejects('package.duplicate');
  });

  it('marks a package shipped after shipBy late, and the order shipped late', () => {
    spec
      .given([...bought, first])
      .when(
        cmd(
          'ShipOrder',
          { orderId: 'o-1', carrier: 'UPS_GROUND', trackingNumber: '1Z999' },
          { at: at(shipBy, 1 / 3600) },
        ),
      )
      .thenEvents(([shipped, order]) => {
        expect(shipped).toMatchObject({ type: 'PackageShipped', data: { packageId: 'o-1/2', late: true } });
        expect(order).toEqual(orderShipped(true));
      });
    spec
      .given(bought)
      .when(shipPackage('box-1', [{ productId: 'p-1', quantity: 1 }], 72))
      .thenEvents(([shipped]) => expect(shipped).toMatchObject({ data: { late: false } }));
  });

  it('is refused while a cancellation request is pending, and on a shipped order', () => {
    const request = ev('CancellationRequested', {
      ...o,
      cancellationId: 'c-1',
      reason: 'x',
      requestedAt: T0,
      respondBy: at(T0, 48),
    });
    spec
      .given([...bought, request])
      .when(shipPackage('box-1', [{ productId: 'p-1', quantity: 1 }]))
      .thenRejects('order.cancellation-pending');
    spec
      .given([...bought, first])
      .when(cmd('ShipOrder', { orderId: 'o-1', carrier: 'UPS_GROUND', trackingNumber: '1Z', packageId: 'box-1' }))
      .thenRejects('package.duplicate');
    const all = [
      { productId: 'p-1', quantity: 2 },
      { productId: 'p-2', quantity: 1 },
    ];
    spec
      .given([...bought, packageShipped('o-1', 'box-1', all), orderShipped()])
      .when(shipPackage('box-2', [{ productId: 'p-1', quantity: 1 }]))
      .thenRejects('order.not-awaiting-shipment');
  });
});

describe('ConfirmDelivery per package', () => {
  const rest = [
    { productId: 'p-1', quantity: 1 },
    { productId: 'p-2', quantity: 1 },
  ];
  const both = [...bought, first, packageShipped('o-1', 'box-2', rest, { at: at(T0, 2) }), orderShipped()];
  const confirm = (packageId?: string, hours = 30) =>
    cmd('ConfirmDelivery', { orderId: 'o-1', ...(packageId ? { packageId } : {}) }, { at: at(T0, hours) });
  const packageDelivered = (packageId: string, hours: number) =>
    ev('PackageDelivered', { ...o, packageId, deliveredAt: at(T0, hours) });

  it('delivers one package while others are unshipped; the order is not delivered yet', () => {
    spec
      .given([...bought, first])
      .when(confirm('box-1'))
      .then([packageDelivered('box-1', 30)]);
  });

  it('delivers the order with its last package; the return window starts then', () => {
    const deliveredAt = at(T0, 40);
    spec
      .given([...both, packageDelivered('box-1', 30)])
      .when(confirm('box-2', 40))
      .then([
        packageDelivered('box-2', 40),
        ev('OrderDelivered', { ...o, deliveredAt, completeAt: at(deliveredAt, 30 * 24 + 1 / 3600) }),
      ]);
  });

  it('without a package id delivers every shipped, undelivered package', () => {
    spec
      .given(both)
      .when(confirm())
      .thenEvents((events) =>
        expect(events.map((e) => e.type)).toEqual(['PackageDelivered', 'PackageDelivered', 'OrderDelivered']),
      );
  });

  it('refuses a package the order does not have, or delivered already', () => {
    spec.given(both).when(confirm('box-9')).thenRejects('package.not-found');
    spec
      .given([...both, packageDelivered('box-1', 30)])
      .when(confirm('box-1'))
      .thenRejects('package.already-delivered');
    spec
      .given([...bought, first, packageDelivered('box-1', 30)])
      .when(confirm())
      .thenRejects('package.already-delivered');
    spec.given(bought).when(confirm()).thenRejects('order.not-shipped');
  });

  it('lets no refund be asked while part of the order is unshipped', () => {
    spec
      .given([...bought, first, packageDelivered('box-1', 30)])
      .when(
        cmd('RequestRefund', {
          orderId: 'o-1',
          refundId: 'r-1',
          refundType: 'REFUND_ONLY',
          lines: [{ productId: 'p-1', quantity: 1 }],
          reason: 'broken',
        }),
      )
      .thenRejects('order.not-shipped', /PARTIALLY_SHIPPED/);
  });
});
