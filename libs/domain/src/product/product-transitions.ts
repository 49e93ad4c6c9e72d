import { DomainError } from '../shared/domain-error';
import type { ProductCommand, ProductStatus } from './product.types';

type ReviewCommand = Exclude<ProductCommand['type'], 'ListProduct' | 'AdjustStock' | 'ChangePrice'>;

/** Which status each review or moderation command moves a product to, from which statuses. */
const TRANSITIONS: Record<ReviewCommand, { from: ProductStatus[]; to: ProductStatus }> = {
  ApproveProduct: { from: ['PENDING_REVIEW'], to: 'ACTIVE' },
  FlagProductIssue: { from: ['PENDING_REVIEW', 'ACTIVE', 'INACTIVE'], to: 'ISSUES' },
  ResolveProductIssue: { from: ['ISSUES'], to: 'PENDING_REVIEW' },
  SuspendProduct: { from: ['PENDING_REVIEW', 'ACTIVE', 'ISSUES', 'INACTIVE'], to: 'SUSPENDED' },
  ReinstateProduct: { from: ['SUSPENDED'], to: 'ACTIVE' },
  DeactivateProduct: { from: ['ACTIVE'], to: 'INACTIVE' },
  ActivateProduct: { from: ['INACTIVE'], to: 'ACTIVE' },
};

/** @throws DomainError `product.invalid-transition` when `command` is not allowed from `status`. */
export function ensureTransition(command: ReviewCommand, status: ProductStatus, productId: string): ProductStatus {
  const rule = TRANSITIONS[command];
  if (!rule.from.includes(status)) {
    throw new DomainError(
      'product.invalid-transition',
      `${command} is not allowed for product ${productId} while it is ${status} (allowed from ${rule.from.join(', ')})`,
    );
  }
  return rule.to;
}
