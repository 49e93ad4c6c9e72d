import { cmd } from '@sce/domain/testkit';
import type { DocStore } from '../doc-store';
import { historyOf, openingIn } from '../testing/history';
import { replayedDocs } from '../testing/memory-docs';
import { products } from './products.query';

const list = (productId: string) =>
  cmd('ListProduct', { productId, title: `Product ${productId}`, price: 1500, stock: 3 });
const history = historyOf([
  ...openingIn('UTC'),
  list('p-a'),
  list('p-b'),
  list('p-c'),
  cmd('ApproveProduct', { productId: 'p-b' }),
  cmd('ApproveProduct', { productId: 'p-c' }),
  cmd('FlagProductIssue', { productId: 'p-c', reason: 'blurry photos' }),
]);

/** `docs`, refusing to list products: what reads every product of the shop. */
const unlisted = (docs: DocStore): DocStore => ({
  ...docs,
  list: (model, shopId) =>
    model === 'product' ? Promise.reject(new Error('listed every product of the shop')) : docs.list(model, shopId),
});

describe('the products query', () => {
  it('lists one status from its index, by id, and counts every status', async () => {
    const docs = await replayedDocs(history);
    const all = await products(docs, 'shop-1');
    for (const status of ['ACTIVE', 'PENDING_REVIEW', 'ISSUES', 'SUSPENDED']) {
      const some = await products(unlisted(docs), 'shop-1', status);
      expect(some.products).toEqual(all.products.filter((p) => p.status === status));
      expect(some.counts).toEqual(all.counts);
    }
    const counted = Object.fromEntries(
      Object.keys(all.counts).map((s) => [s, all.products.filter((p) => p.status === s).length]),
    );
    expect(all.counts).toEqual(counted);
    expect(all.counts).toMatchObject({ PENDING_REVIEW: 1, ISSUES: 1 });
  });
});
