import type { DocStore } from '../doc-store';
import { allPages } from '../indexed-reads';
import { zeros } from '../range';
import type { ProductDoc } from './product.projection';

const PRODUCT_STATUSES = ['PENDING_REVIEW', 'ACTIVE', 'ISSUES', 'SUSPENDED', 'INACTIVE'];

/**
 * The product list with status, stock and reason, by id, and counts per status: the counts from
 * the status index, the list of one status from it too (as many products as it holds, not the shop's).
 */
export async function products(docs: DocStore, shopId: string, status?: string) {
  const [groups, listed] = await Promise.all([
    docs.countBy('product', shopId, ['status']),
    status
      ? allPages((after) =>
          docs.page<ProductDoc>('product', shopId, {
            by: 'status',
            where: { status },
            after,
            limit: 500,
            order: 'asc',
          }),
        )
      : docs.list<ProductDoc>('product', shopId),
  ]);
  const counts = zeros(PRODUCT_STATUSES);
  for (const { values, count } of groups) counts[values[0]!] = count;
  return { shopId, counts, products: listed };
}
