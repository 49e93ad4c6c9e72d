import { ev, listed } from '@sce/domain/testkit';
import { documents, stored } from '../testing/history';
import type { ProductDoc } from './product.projection';

const at = '2026-11-20T10:00:00.000Z';
const p1 = { shopId: 'shop-1', productId: 'p-1' };
const product = async (...events: Parameters<typeof stored>[0][]) =>
  (
    await documents<ProductDoc>(
      events.map((e) => stored(e, at)),
      'product',
    )
  )['p-1'];

describe('products', () => {
  it('is pending review when listed, active once approved', async () => {
    expect(await product(listed('p-1', 2000, 10))).toEqual({
      productId: 'p-1',
      title: 'Product p-1',
      price: 2000,
      stock: 10,
      status: 'PENDING_REVIEW',
      reason: null,
    });
    expect(await product(listed('p-1'), ev('ProductApproved', p1))).toMatchObject({ status: 'ACTIVE' });
  });

  it('keeps the reason of a flag or a suspension, and clears it when resolved or reinstated', async () => {
    const flagged = ev('ProductIssueFlagged', { ...p1, reason: 'blurry photo' });
    expect(await product(listed('p-1'), flagged)).toMatchObject({ status: 'ISSUES', reason: 'blurry photo' });
    expect(await product(listed('p-1'), flagged, ev('ProductIssueResolved', { ...p1, note: null }))).toMatchObject({
      status: 'PENDING_REVIEW',
      reason: null,
    });
    const suspended = ev('ProductSuspended', { ...p1, reason: 'counterfeit' });
    expect(await product(listed('p-1'), suspended)).toMatchObject({ status: 'SUSPENDED', reason: 'counterfeit' });
    expect(await product(listed('p-1'), suspended, ev('ProductReinstated', { ...p1, reason: 'ok' }))).toMatchObject({
      status: 'ACTIVE',
      reason: null,
    });
    expect(await product(listed('p-1'), ev('ProductDeactivated', p1))).toMatchObject({ status: 'INACTIVE' });
    expect(await product(listed('p-1'), ev('ProductDeactivated', p1), ev('ProductActivated', p1))).toMatchObject({
      status: 'ACTIVE',
    });
  });

  it('shows the stock available now and the price in force', async () => {
    const events = [
      listed('p-1', 2000, 10),
      ev('StockAdjusted', { ...p1, delta: -3, stock: 7, reason: null }),
      ev('StockReserved', { ...p1, orderId: 'o-1', quantity: 4 }),
      ev('StockReleased', { ...p1, orderId: 'o-1', quantity: 1, reason: 'ORDER_CANCELLED', refundId: null }),
      ev('PriceChanged', { ...p1, price: 1800, previousPrice: 2000 }),
    ];
    expect(await product(...events)).toMatchObject({ stock: 4, price: 1800 });
  });
});
