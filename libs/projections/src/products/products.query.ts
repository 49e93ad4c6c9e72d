import type { DocStore } from '../doc-store';
import { countBy, zeros } from '../range';
import type { ProductDoc } from './product.projection';

const PRODUCT_STATUSES = ['PENDING_REVIEW', 'ACTIVE', 'ISSUES', 'SUSPENDED', 'INACTIVE'];

/** The product list with status, stock and reason, and counts per status. */
export async function products(docs: DocStore, shopId: string, status?: string) {
  const all = await docs.list<ProductDoc>('product', shopId);
  return {
    shopId,
    counts: { ...zeros(PRODUCT_STATUSES), ...countBy(all, (p) => p.status) },
    products: status ? all.filter((p) => p.status === status) : all,
  };
}
