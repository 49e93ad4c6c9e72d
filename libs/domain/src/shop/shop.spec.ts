import { spec } from '../testing/domain-spec';
import { cmd, ev, readyShop, SHOP, shopRegistered, TEMPLATE } from '../testing/fixtures';

describe('Shop', () => {
  const registration = { name: 'Acme', sellerId: 'seller-1', timeZone: 'America/Los_Angeles', currency: 'USD' };

  it('is registered by the platform', () => {
    spec.given([]).when(cmd('RegisterShop', registration)).then([shopRegistered()]);
  });

  it('is registered only once', () => {
    spec.given([shopRegistered()]).when(cmd('RegisterShop', registration)).thenRejects('shop.already-registered');
  });

  it('refuses settings for a shop that does not exist', () => {
    spec
      .given([])
      .when(cmd('SetFulfillmentMode', { mode: 'FULFILLED_BY_PLATFORM' }))
      .thenRejects('shop.not-found', /shop-1 is not registered/);
  });

  it('sets the fulfillment mode', () => {
    spec
      .given([shopRegistered()])
      .when(cmd('SetFulfillmentMode', { mode: 'FULFILLED_BY_PLATFORM' }))
      .then([ev('FulfillmentModeSet', { shopId: SHOP, mode: 'FULFILLED_BY_PLATFORM' })]);
  });

  it('sets the refund policy', () => {
    spec
      .given([shopRegistered()])
      .when(cmd('SetRefundPolicy', { returnWindowDays: 15, autoApproveLimit: 1500 }))
      .then([
        ev('RefundPolicySet', { shopId: SHOP, returnWindowDays: 15, autoApproveLimit: 1500, sellerResponseHours: 48 }),
      ]);
  });

  it('configures seller shipping with carriers, or platform shipping', () => {
    spec
      .given([shopRegistered()])
      .when(cmd('ConfigureShipping', { mode: 'SELLER_SHIPPING', carriers: ['UPS_GROUND'] }))
      .then([
        ev('ShippingConfigured', { shopId: SHOP, mode: 'SELLER_SHIPPING', carriers: ['UPS_GROUND'], handlingDays: 3 }),
      ]);
    spec
      .given(readyShop())
      .when(cmd('ConfigureShipping', { mode: 'PLATFORM_SHIPPING', carriers: [] }))
      .then([ev('ShippingConfigured', { shopId: SHOP, mode: 'PLATFORM_SHIPPING', carriers: [], handlingDays: 3 })]);
  });

  it('keeps each lifecycle policy it is not told, the default if never set', () => {
    const slow = ev('ShippingConfigured', { shopId: SHOP, mode: 'SELLER_SHIPPING', carriers: [], handlingDays: 7 });
    spec
      .given([shopRegistered(), slow])
      .when(cmd('ConfigureShipping', { mode: 'PLATFORM_SHIPPING', carriers: [] }))
      .thenEvents(([event]) => expect(event).toMatchObject({ data: { handlingDays: 7 } }));
    spec
      .given([shopRegistered(), slow])
      .when(cmd('ConfigureShipping', { mode: 'SELLER_SHIPPING', carriers: [], handlingDays: 1 }))
      .thenEvents(([event]) => expect(event).toMatchObject({ data: { handlingDays: 1 } }));
    const patient = ev('RefundPolicySet', {
      shopId: SHOP,
      returnWindowDays: 30,
      autoApproveLimit: 0,
      sellerResponseHours: 120,
    });
    spec
      .given([shopRegistered(), patient])
      .when(cmd('SetRefundPolicy', { returnWindowDays: 10, autoApproveLimit: 0 }))
      .thenEvents(([event]) =>
        expect(event).toMatchObject({ data: { returnWindowDays: 10, sellerResponseHours: 120 } }),
      );
  });

  it('reads a policy recorded before the lifecycle policies existed as keeping them', () => {
    const old = ev('RefundPolicySet', { shopId: SHOP, returnWindowDays: 30, autoApproveLimit: 0 });
    spec
      .given([shopRegistered(), old])
      .when(cmd('SetRefundPolicy', { returnWindowDays: 10, autoApproveLimit: 0 }))
      .thenEvents(([event]) => expect(event).toMatchObject({ data: { sellerResponseHours: 48 } }));
  });

  it('saves a shipping template', () => {
    spec
      .given([shopRegistered()])
      .when(cmd('SaveShippingTemplate', TEMPLATE))
      .then([ev('ShippingTemplateSaved', { shopId: SHOP, template: TEMPLATE })]);
  });
});
