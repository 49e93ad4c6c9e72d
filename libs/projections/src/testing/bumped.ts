import type { Projected } from '../projection';
import { productProjection, type ProductDoc } from '../products/product.projection';
import { PROJECTIONS, type AnyProjection } from '../registry';

/** The products read model of a next version: each product also counts the events that made it. */
export interface CountedProductDoc extends ProductDoc {
  events: number;
}

/**
 * A modified copy of the products projection, as an upgrade would bring it: version bumped, a
 * field added (`events`), every other field as before.
 */
export const countedProducts = {
  ...productProjection,
  version: productProjection.version + 1,
  evolve: (docs: { product?: CountedProductDoc }, event: Projected, shop) => {
    const { product } = productProjection.evolve(docs, event as never, shop);
    return product ? { product: { ...product, events: (docs.product?.events ?? 0) + 1 } } : {};
  },
} as AnyProjection;

/** The registry with the products projection replaced by its next version. */
export const UPGRADED: readonly AnyProjection[] = PROJECTIONS.map((p) =>
  p.name === countedProducts.name ? countedProducts : p,
);
