import { spec } from '../testing/domain-spec';
import { activeProduct, cmd, ev, listed, readyShop, SHOP } from '../testing/fixtures';

const on = { shopId: SHOP, productId: 'p-1' };
const p = { productId: 'p-1' };

describe('Product', () => {
  it('is listed pending review', () => {
    spec
      .given(readyShop())
      .when(cmd('ListProduct', { ...p, title: 'Product p-1', price: 2000, stock: 10 }))
      .then([listed('p-1')]);
  });

  it('is listed once', () => {
    spec
      .given([...readyShop(), listed('p-1')])
      .when(cmd('ListProduct', { ...p, title: 'Again', price: 1, stock: 1 }))
      .thenRejects('product.already-listed');
  });

  it('is unknown until listed', () => {
    spec.given(readyShop()).when(cmd('ApproveProduct', p)).thenRejects('product.not-found');
  });

  it('goes through review: approve, flag, resolve, approve again', () => {
    spec
      .given([...readyShop(), listed('p-1')])
      .when(cmd('ApproveProduct', p))
      .then([ev('ProductApproved', on)]);
    spec
      .given([...readyShop(), listed('p-1')])
      .when(cmd('FlagProductIssue', { ...p, reason: 'blurry main image' }))
      .then([ev('ProductIssueFlagged', { ...on, reason: 'blurry main image' })]);
    spec
      .given([...readyShop(), listed('p-1'), ev('ProductIssueFlagged', { ...on, reason: 'blurry' })])
      .when(cmd('ResolveProductIssue', { ...p, note: 'new photos' }))
      .then([ev('ProductIssueResolved', { ...on, note: 'new photos' })]);
  });

  it('cannot be approved while it has an issue', () => {
    spec
      .given([...readyShop(), listed('p-1'), ev('ProductIssueFlagged', { ...on, reason: 'blurry' })])
      .when(cmd('ApproveProduct', p))
      .thenRejects('product.invalid-transition', /ISSUES/);
  });

  it('is suspended and reinstated by the platform', () => {
    spec
      .given([...readyShop(), ...activeProduct('p-1')])
      .when(cmd('SuspendProduct', { ...p, reason: 'counterfeit report' }))
      .then([ev('ProductSuspended', { ...on, reason: 'counterfeit report' })]);
    spec
      .given([...readyShop(), ...activeProduct('p-1'), ev('ProductSuspended', { ...on, reason: 'x' })])
      .when(cmd('ReinstateProduct', { ...p, reason: 'appeal accepted' }))
      .then([ev('ProductReinstated', { ...on, reason: 'appeal accepted' })]);
  });

  it('cannot be reactivated by the seller while suspended', () => {
    spec
      .given([...readyShop(), ...activeProduct('p-1'), ev('ProductSuspended', { ...on, reason: 'x' })])
      .when(cmd('ActivateProduct', p))
      .thenRejects('product.invalid-transition');
  });

  it('is deactivated and activated by the seller', () => {
    spec
      .given([...readyShop(), ...activeProduct('p-1')])
      .when(cmd('DeactivateProduct', p))
      .then([ev('ProductDeactivated', on)]);
    spec
      .given([...readyShop(), ...activeProduct('p-1'), ev('ProductDeactivated', on)])
      .when(cmd('ActivateProduct', p))
      .then([ev('ProductActivated', on)]);
  });

  it('adjusts stock by a signed delta, never below zero', () => {
    spec
      .given([...readyShop(), ...activeProduct('p-1', 2000, 10)])
      .when(cmd('AdjustStock', { ...p, delta: -4, reason: 'damaged' }))
      .then([ev('StockAdjusted', { ...on, delta: -4, stock: 6, reason: 'damaged' })]);
    spec
      .given([...readyShop(), ...activeProduct('p-1', 2000, 10)])
      .when(cmd('AdjustStock', { ...p, delta: -11 }))
      .thenRejects('stock.insufficient', /has 10 units/);
  });

  it('changes its price', () => {
    spec
      .given([...readyShop(), ...activeProduct('p-1', 2000)])
      .when(cmd('ChangePrice', { ...p, price: 1800 }))
      .then([ev('PriceChanged', { ...on, price: 1800, previousPrice: 2000 })]);
  });

  it('lives in its own shop: another shop cannot see it', () => {
    spec
      .given([...readyShop(), ...readyShop('shop-2'), ...activeProduct('p-1')])
      .when(cmd('ChangePrice', { ...p, price: 1 }, { shopId: 'shop-2' }))
      .thenRejects('product.not-found');
  });
});
