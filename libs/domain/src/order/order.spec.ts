import { spec } from '../testing/domain-spec';
import { activeProduct, at, cmd, ev, readyShop, SHOP, T0 } from '../testing/fixtures';
import {
  BLACK_FRIDAY,
  blackFridayCreated,
  delivered,
  joinedBlackFriday,
  line,
  packageShipped,
  placed,
  shipped,
} from '../testing/story';

const shop = [...readyShop(), ...activeProduct('p-1', 2000, 10), ...activeProduct('p-2', 1250, 3)];
const place = (lines: { productId: string; quantity: number }[], options: { at?: string; region?: string } = {}) =>
  cmd(
    'PlaceOrder',
    {
      orderId: 'o-1',
      buyerId: 'b-1',
      lines,
      shipTo: { country: 'US', region: options.region ?? 'CA' },
      channel: 'LIVE',
    },
    { at: options.at ?? T0 },
  );
const o = { shopId: SHOP, orderId: 'o-1' };

describe('PlaceOrder', () => {
  it('prices lines from the products, adds the zone fee less the discount, and reserves stock', () => {
    spec
      .given(shop)
      .when(
        place([
          { productId: 'p-1', quantity: 1 },
          { productId: 'p-2', quantity: 2 },
        ]),
      )
      .then(placed('o-1', [line('p-1', 1, 2000), line('p-2', 2, 1250)]));
  });

  it('ships free at the threshold', () => {
    spec
      .given(shop)
      .when(place([{ productId: 'p-1', quantity: 3 }]))
      .thenEvents(([order]) =>
        expect(order).toMatchObject({ data: { itemsTotal: 6000, shippingFee: 0, total: 6000 } }),
      );
  });

  it('uses the campaign price inside the campaign window only', () => {
    const history = [...shop, blackFridayCreated(), joinedBlackFriday('p-1', 1500)];
    spec
      .given(history)
      .when(place([{ productId: 'p-1', quantity: 2 }], { at: BLACK_FRIDAY.startsAt }))
      .then(placed('o-1', [line('p-1', 2, 1500, 2000)], { at: BLACK_FRIDAY.startsAt }));
    spec
      .given(history)
      .when(place([{ productId: 'p-1', quantity: 2 }], { at: BLACK_FRIDAY.endsAt }))
      .then(placed('o-1', [line('p-1', 2, 2000)], { at: BLACK_FRIDAY.endsAt }));
  });

  it('ignores a campaign the product was withdrawn from', () => {
    const withdrawn = ev('CampaignWithdrawn', {
      shopId: SHOP,
      campaignId: BLACK_FRIDAY.campaignId,
      productIds: ['p-1'],
    });
    spec
      .given([...shop, blackFridayCreated(), joinedBlackFriday('p-1', 1500), withdrawn])
      .when(place([{ productId: 'p-1', quantity: 1 }], { at: BLACK_FRIDAY.startsAt }))
      .thenEvents(([order]) => expect(order).toMatchObject({ data: { itemsTotal: 2000 } }));
  });

  it('refuses more units than are in stock, counting repeated lines together', () => {
    spec
      .given(shop)
      .when(
        place([
          { productId: 'p-2', quantity: 2 },
          { productId: 'p-2', quantity: 2 },
        ]),
      )
      .thenRejects('stock.insufficient', /3 units available; 4 ordered/);
  });

  it('refuses a product that is not active, or not in this shop', () => {
    const suspended = ev('ProductSuspended', { shopId: SHOP, productId: 'p-1', reason: 'x' });
    spec
      .given([...shop, suspended])
      .when(place([{ productId: 'p-1', quantity: 1 }]))
      .thenRejects('product.not-active');
    spec
      .given(shop)
      .when(place([{ productId: 'p-9', quantity: 1 }]))
      .thenRejects('product.not-found');
  });

  it('refuses a region the template excludes', () => {
    spec
      .given(shop)
      .when(place([{ productId: 'p-1', quantity: 1 }], { region: 'AK' }))
      .thenRejects('shipping.region-excluded');
  });

  it('refuses an order id already used', () => {
    spec
      .given([...shop, ...placed('o-1', [line('p-1', 1, 2000)])])
      .when(place([{ productId: 'p-1', quantity: 1 }]))
      .thenRejects('order.already-exists');
  });

  it('snapshots the return window in force', () => {
    const policy = ev('RefundPolicySet', { shopId: SHOP, returnWindowDays: 7, autoApproveLimit: 0 });
    spec
      .given([...shop, policy])
      .when(place([{ productId: 'p-1', quantity: 1 }]))
      .thenEvents(([order]) => expect(order).toMatchObject({ data: { returnWindowDays: 7 } }));
  });
});

describe('CancelOrder', () => {
  const history = [...shop, ...placed('o-1', [line('p-1', 2, 2000)])];

  it('cancels before shipment and gives the units back', () => {
    spec
      .given(history)
      .when(cmd('CancelOrder', { orderId: 'o-1', reason: 'changed my mind' }))
      .then([
        ev('OrderCancelled', { ...o, reason: 'changed my mind', cancelledBy: 'BUYER' }),
        ev('StockReleased', { ...o, productId: 'p-1', quantity: 2, reason: 'ORDER_CANCELLED', refundId: null }),
      ]);
  });

  it('cannot cancel a shipped order, or one cancelled already', () => {
    spec
      .given([...history, shipped('o-1')])
      .when(cmd('CancelOrder', { orderId: 'o-1', reason: 'late' }))
      .thenRejects('order.not-awaiting-shipment');
    const cancelled = ev('OrderCancelled', { ...o, reason: 'x', cancelledBy: 'BUYER' });
    spec
      .given([...history, cancelled])
      .when(cmd('CancelOrder', { orderId: 'o-1', reason: 'x' }))
      .thenRejects('order.cancelled');
  });

  it('does not find an order of another shop', () => {
    spec
      .given(shop)
      .when(cmd('CancelOrder', { orderId: 'o-1', reason: 'x' }))
      .thenRejects('order.not-found');
  });
});

describe('ShipOrder', () => {
  const history = [...shop, ...placed('o-1', [line('p-1', 1, 2000)])];
  const ship = (carrier = 'UPS_GROUND', role: 'SELLER' | 'PLATFORM' = 'SELLER') =>
    cmd('ShipOrder', { orderId: 'o-1', carrier, trackingNumber: '1Z999' }, { role });
  const shippedAll = (by: 'SELLER' | 'PLATFORM' = 'SELLER') => [
    packageShipped('o-1', 'o-1/1', [{ productId: 'p-1', quantity: 1 }], { by }),
    ev('OrderShipped', { ...o, carrier: 'UPS_GROUND', trackingNumber: '1Z999', shippedBy: by, shippedLate: false }),
  ];

  it('is shipped by the seller with an enabled carrier, as one package of every unit', () => {
    spec.given(history).when(ship()).then(shippedAll());
  });

  it('refuses a carrier the shop did not enable', () => {
    spec.given(history).when(ship('FEDEX')).thenRejects('carrier.not-enabled');
  });

  it('takes any carrier under platform shipping', () => {
    const platformShipping = ev('ShippingConfigured', { shopId: SHOP, mode: 'PLATFORM_SHIPPING', carriers: [] });
    spec
      .given([...history, platformShipping])
      .when(ship('PLATFORM_EXPRESS'))
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['PackageShipped', 'OrderShipped']));
  });

  it('is shipped by the role the fulfillment mode names', () => {
    spec.given(history).when(ship('UPS_GROUND', 'PLATFORM')).thenRejects('auth.wrong-fulfiller');
    const byPlatform = ev('FulfillmentModeSet', { shopId: SHOP, mode: 'FULFILLED_BY_PLATFORM' });
    spec
      .given([...history, byPlatform])
      .when(ship())
      .thenRejects('auth.wrong-fulfiller');
    spec
      .given([...history, byPlatform])
      .when(ship('UPS_GROUND', 'PLATFORM'))
      .then(shippedAll('PLATFORM'));
  });

  it('is shipped once, and never once cancelled', () => {
    spec
      .given([...history, shipped('o-1')])
      .when(ship())
      .thenRejects('order.not-awaiting-shipment');
    const cancelled = ev('OrderCancelled', { ...o, reason: 'x', cancelledBy: 'BUYER' });
    spec
      .given([...history, cancelled])
      .when(ship())
      .thenRejects('order.cancelled');
  });
});

describe('ConfirmDelivery and CompleteOrder', () => {
  const history = [...shop, ...placed('o-1', [line('p-1', 1, 2000)])];
  const deliveredAt = at(T0, 48);

  it('confirms the delivery of a shipped order, once', () => {
    spec
      .given([...history, shipped('o-1')])
      .when(cmd('ConfirmDelivery', { orderId: 'o-1' }, { at: deliveredAt }))
      .then([
        ev('PackageDelivered', { ...o, packageId: 'o-1/1', deliveredAt }),
        ev('OrderDelivered', { ...o, deliveredAt, completeAt: at(deliveredAt, 30 * 24 + 1 / 3600) }),
      ]);
    spec
      .given(history)
      .when(cmd('ConfirmDelivery', { orderId: 'o-1' }))
      .thenRejects('order.not-shipped');
    spec
      .given([...history, shipped('o-1'), delivered('o-1', deliveredAt)])
      .when(cmd('ConfirmDelivery', { orderId: 'o-1' }))
      .thenRejects('package.already-delivered');
  });

  const done = [...history, shipped('o-1'), delivered('o-1', deliveredAt)];
  const complete = (hoursAfterDelivery: number) =>
    cmd('CompleteOrder', { orderId: 'o-1' }, { at: at(deliveredAt, hoursAfterDelivery) });

  it('completes a delivered order once the return window has passed', () => {
    spec
      .given(done)
      .when(complete(30 * 24 + 1))
      .then([ev('OrderCompleted', o)]);
  });

  it('does not complete while the return window is open, even at its last instant', () => {
    spec
      .given(done)
      .when(complete(30 * 24))
      .thenRejects('order.return-window-open');
  });

  it('does not complete an order that was not delivered', () => {
    spec
      .given([...history, shipped('o-1')])
      .when(complete(1000))
      .thenRejects('order.not-delivered');
  });

  it('does not complete while a refund is open', () => {
    const requested = ev('RefundRequested', {
      ...o,
      refundId: 'r-1',
      refundType: 'REFUND_ONLY',
      lines: [{ productId: 'p-1', quantity: 1, unitPrice: 2000, amount: 2000 }],
      amount: 2000,
      reason: 'broken',
    });
    spec
      .given([...done, requested])
      .when(complete(31 * 24))
      .thenRejects('order.refund-open', /r-1 still REQUESTED/);
  });

  it('is final: nothing happens to a completed order', () => {
    const completed = [...done, ev('OrderCompleted', o)];
    spec
      .given(completed)
      .when(complete(40 * 24))
      .thenRejects('order.completed');
    spec
      .given(completed)
      .when(cmd('CancelOrder', { orderId: 'o-1', reason: 'x' }))
      .thenRejects('order.completed');
  });
});
