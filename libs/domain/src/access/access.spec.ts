import { sentBy, spec } from '../testing/domain-spec';
import { cmd, ev, readyShop, SHOP } from '../testing/fixtures';
import { BLACK_FRIDAY } from '../testing/story';

describe('who may send what', () => {
  it('keeps platform commands for the platform', () => {
    spec
      .given([])
      .when(cmd('RegisterShop', { name: 'x', sellerId: 's', timeZone: 'UTC', currency: 'USD' }, { role: 'SELLER' }))
      .thenRejects('auth.platform-only');
    spec
      .given(readyShop())
      .when(cmd('SuspendProduct', { productId: 'p-1', reason: 'x' }, { role: 'SELLER' }))
      .thenRejects('auth.platform-only');
    spec
      .given([])
      .when(cmd('CreateCampaign', BLACK_FRIDAY, { role: 'SELLER' }))
      .thenRejects('auth.platform-only');
  });

  it('refuses a role the command does not name', () => {
    spec
      .given(readyShop())
      .when(
        cmd(
          'PlaceOrder',
          { orderId: 'o', buyerId: 'b', lines: [], shipTo: { country: 'US', region: 'CA' }, channel: 'LIVE' },
          { role: 'SELLER' },
        ),
      )
      .thenRejects('auth.role-not-allowed');
    spec
      .given(readyShop())
      .when(cmd('ListProduct', { productId: 'p', title: 't', price: 1, stock: 1 }, { role: 'ANALYST' }))
      .thenRejects('auth.role-not-allowed', /SELLER/);
  });

  it('keeps a seller in its own shop', () => {
    spec
      .given([...readyShop(), ...readyShop('shop-2')])
      .when(
        sentBy(
          { role: 'SELLER', shopId: 'shop-2' },
          cmd('SetRefundPolicy', { returnWindowDays: 1, autoApproveLimit: 0 }),
        ),
      )
      .thenRejects('auth.not-own-shop', /only on shop shop-2, not shop-1/);
  });

  it('refuses an actor role that differs from the caller', () => {
    spec
      .given(readyShop())
      .when(sentBy({ role: 'BUYER' }, cmd('SetRefundPolicy', { returnWindowDays: 1, autoApproveLimit: 0 })))
      .thenRejects('auth.actor-mismatch');
  });

  it('lets the seller act on its own shop', () => {
    spec
      .given(readyShop())
      .when(
        sentBy({ role: 'SELLER', shopId: SHOP }, cmd('SetRefundPolicy', { returnWindowDays: 1, autoApproveLimit: 0 })),
      )
      .then([
        ev('RefundPolicySet', { shopId: SHOP, returnWindowDays: 1, autoApproveLimit: 0, sellerResponseHours: 48 }),
      ]);
  });
});
