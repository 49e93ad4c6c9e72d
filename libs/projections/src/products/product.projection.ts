import type { DocKey } from '../doc-key';
import { projection, type Projected } from '../projection';

export interface ProductDoc {
  productId: string;
  title: string;
  price: number;
  /** Units available now: listed, adjusted, less what orders hold. */
  stock: number;
  status: string;
  reason: string | null;
}

export const productKey = (shopId: string, productId: string): DocKey => ({ model: 'product', shopId, id: productId });

const handles = [
  'ProductListed',
  'ProductApproved',
  'ProductIssueFlagged',
  'ProductIssueResolved',
  'ProductSuspended',
  'ProductReinstated',
  'ProductDeactivated',
  'ProductActivated',
  'StockAdjusted',
  'StockReserved',
  'StockReleased',
  'PriceChanged',
] as const;
type ProductEvent = Projected<(typeof handles)[number]>;

/** A product after `event`: total over every event but the listing. */
function evolveProduct(p: ProductDoc, event: Exclude<ProductEvent, { type: 'ProductListed' }>): ProductDoc {
  switch (event.type) {
    case 'ProductApproved':
    case 'ProductReinstated':
    case 'ProductActivated':
      return { ...p, status: 'ACTIVE', reason: null };
    case 'ProductIssueFlagged':
      return { ...p, status: 'ISSUES', reason: event.data.reason };
    case 'ProductIssueResolved':
      return { ...p, status: 'PENDING_REVIEW', reason: null };
    case 'ProductSuspended':
      return { ...p, status: 'SUSPENDED', reason: event.data.reason };
    case 'ProductDeactivated':
      return { ...p, status: 'INACTIVE', reason: null };
    case 'StockAdjusted':
      return { ...p, stock: p.stock + event.data.delta };
    case 'StockReserved':
      return { ...p, stock: p.stock - event.data.quantity };
    case 'StockReleased':
      return { ...p, stock: p.stock + event.data.quantity };
    case 'PriceChanged':
      return { ...p, price: event.data.price };
  }
}

/** The shop's catalogue as the seller sees it: status (with the reason given), price, available stock. */
export const productProjection = projection<{ product: ProductDoc }, (typeof handles)[number]>({
  name: 'products',
  version: 1,
  models: ['product'],
  handles,
  documents: ({ data: { shopId, productId } }) => [{ product: productKey(shopId, productId) }],
  evolve: ({ product }, event) => {
    if (event.type === 'ProductListed') {
      const { productId, title, price, stock } = event.data;
      return { product: { productId, title, price, stock, status: 'PENDING_REVIEW', reason: null } };
    }
    return product ? { product: evolveProduct(product, event) } : {};
  },
});
