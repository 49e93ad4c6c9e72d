import type { Cmd, Evt } from '../shared/command';

export type ProductStatus = 'PENDING_REVIEW' | 'ACTIVE' | 'ISSUES' | 'SUSPENDED' | 'INACTIVE';

export interface ProductState {
  listed: boolean;
  status: ProductStatus | 'NONE';
  title: string;
  price: number;
  /** Units available now. */
  stock: number;
  /** Why the product is in ISSUES or SUSPENDED; null otherwise. */
  reason: string | null;
}

type Ref = { productId: string };
export type ListProduct = Cmd<'ListProduct', Ref & { title: string; price: number; stock: number }>;
export type ApproveProduct = Cmd<'ApproveProduct', Ref>;
export type FlagProductIssue = Cmd<'FlagProductIssue', Ref & { reason: string }>;
export type ResolveProductIssue = Cmd<'ResolveProductIssue', Ref & { note?: string }>;
export type SuspendProduct = Cmd<'SuspendProduct', Ref & { reason: string }>;
export type ReinstateProduct = Cmd<'ReinstateProduct', Ref & { reason: string }>;
export type DeactivateProduct = Cmd<'DeactivateProduct', Ref>;
export type ActivateProduct = Cmd<'ActivateProduct', Ref>;
export type AdjustStock = Cmd<'AdjustStock', Ref & { delta: number; reason?: string }>;
export type ChangePrice = Cmd<'ChangePrice', Ref & { price: number }>;
export type ProductCommand =
  | ListProduct
  | ApproveProduct
  | FlagProductIssue
  | ResolveProductIssue
  | SuspendProduct
  | ReinstateProduct
  | DeactivateProduct
  | ActivateProduct
  | AdjustStock
  | ChangePrice;

type On = { shopId: string; productId: string };
/** The seller listed a product; it waits for review. */
export type ProductListed = Evt<'ProductListed', On & { title: string; price: number; stock: number }>;
/** Review passed: the product can be sold. */
export type ProductApproved = Evt<'ProductApproved', On>;
/** Review found an issue the seller can fix. */
export type ProductIssueFlagged = Evt<'ProductIssueFlagged', On & { reason: string }>;
/** The seller fixed the issue; the product goes back to review. */
export type ProductIssueResolved = Evt<'ProductIssueResolved', On & { note: string | null }>;
/** The platform took the product off sale. */
export type ProductSuspended = Evt<'ProductSuspended', On & { reason: string }>;
/** The platform lifted a suspension. */
export type ProductReinstated = Evt<'ProductReinstated', On & { reason: string }>;
/** The seller took an active product off sale. */
export type ProductDeactivated = Evt<'ProductDeactivated', On>;
/** The seller put an inactive product back on sale. */
export type ProductActivated = Evt<'ProductActivated', On>;
/** The seller corrected stock by a signed delta; `stock` is the result. */
export type StockAdjusted = Evt<'StockAdjusted', On & { delta: number; stock: number; reason: string | null }>;
/** An order took units from stock. */
export type StockReserved = Evt<'StockReserved', On & { orderId: string; quantity: number }>;
/** Units came back: an order was cancelled or a returned item was received. */
export type StockReleased = Evt<
  'StockReleased',
  On & { orderId: string; quantity: number; reason: 'ORDER_CANCELLED' | 'RETURN_RECEIVED'; refundId: string | null }
>;
/** The seller changed the list price. */
export type PriceChanged = Evt<'PriceChanged', On & { price: number; previousPrice: number }>;
export type ProductEvent =
  | ProductListed
  | ProductApproved
  | ProductIssueFlagged
  | ProductIssueResolved
  | ProductSuspended
  | ProductReinstated
  | ProductDeactivated
  | ProductActivated
  | StockAdjusted
  | StockReserved
  | StockReleased
  | PriceChanged;
