/**
 * Every rejection the domain can produce. Codes are stable: clients branch on them.
 * `command.id-reused` is decided by {@link assertSameCommand} when a command id comes back.
 */
export const REJECTION_CODES = [
  'shop.not-found',
  'shop.already-registered',
  'product.not-found',
  'product.already-listed',
  'product.not-active',
  'product.invalid-transition',
  'stock.insufficient',
  'shipping.region-excluded',
  'carrier.not-enabled',
  'order.not-found',
  'order.already-exists',
  'order.not-awaiting-shipment',
  'order.not-shipped',
  'order.not-delivered',
  'order.cancelled',
  'order.completed',
  'order.refund-open',
  'order.return-window-open',
  'order.cancel-window-closed',
  'order.cancellation-pending',
  'cancellation.not-found',
  'cancellation.already-exists',
  'package.quantity-exceeded',
  'package.duplicate',
  'package.not-found',
  'package.already-delivered',
  'refund.not-found',
  'refund.already-exists',
  'refund.quantity-exceeded',
  'refund.window-expired',
  'refund.not-requested',
  'refund.not-approved',
  'refund.not-a-return',
  'refund.return-not-received',
  'campaign.not-found',
  'campaign.already-exists',
  'campaign.registration-closed',
  'campaign.discount-too-small',
  'campaign.stock-exceeded',
  'campaign.already-joined',
  'campaign.not-joined',
  'campaign.already-started',
  'live.not-found',
  'live.already-started',
  'live.already-ended',
  'auth.platform-only',
  'auth.role-not-allowed',
  'auth.wrong-fulfiller',
  'auth.not-own-shop',
  'auth.actor-mismatch',
  'command.id-reused',
] as const;

export type RejectionCode = (typeof REJECTION_CODES)[number];

/** A command broke a business rule. Carries a stable `code` and a message naming the rule. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: RejectionCode,
    message: string,
  ) {
    super(message);
  }
}

/** Throws a {@link DomainError} unless `condition` holds. */
export function ensure(condition: unknown, code: RejectionCode, message: string): asserts condition {
  if (!condition) throw new DomainError(code, message);
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
