/**
 * The platform's fixed rules for the order lifecycle (DOMAIN.md, "The lifecycle the engine runs by
 * itself"). The seller's own policies (`handlingDays`, `sellerResponseHours`) live on the shop.
 */
export const LIFECYCLE = {
  /** After `shipBy`, an order with nothing shipped is cancelled (`SHIPPING_OVERDUE`). */
  shipByGraceHours: 72,
  /** A buyer cancels at once within this many minutes of `placedAt` (inclusive). */
  freeCancelMinutes: 60,
  /** A cancellation request the seller does not answer is approved after this. */
  cancellationResponseHours: 48,
  /** A shipped package not confirmed delivered is confirmed after this. */
  autoConfirmDays: 14,
  /** A `RETURN_AND_REFUND` approved but not received in this time is rejected (`RETURN_NOT_RECEIVED`). */
  returnShipBackDays: 15,
} as const;

/** The seller's policies when never set. */
export const DEFAULT_HANDLING_DAYS = 3;
export const DEFAULT_SELLER_RESPONSE_HOURS = 48;

/** The reason an unshipped order is cancelled with by the system. */
export const SHIPPING_OVERDUE = 'SHIPPING_OVERDUE';
/** The reason a return never sent back is rejected with by the system. */
export const RETURN_NOT_RECEIVED = 'RETURN_NOT_RECEIVED';
