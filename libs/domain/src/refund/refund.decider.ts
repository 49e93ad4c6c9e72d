import { ensure } from '../shared/domain-error';
import { bySystem, type Emitted } from '../shared/emitted';
import { daysAfter, hoursAfter } from '../shared/time';
import { LIFECYCLE, RETURN_NOT_RECEIVED } from '../lifecycle/policies';
import { ensureOpenOrder, withinReturnWindow } from '../order/order.decider';
import type { OrderState } from '../order/order.types';
import type { StockReleased } from '../product/product.types';
import type { ShopState } from '../shop/shop.types';
import type {
  ApproveRefund,
  IssueRefund,
  ReceiveReturn,
  RefundApproved,
  RefundEntry,
  RefundIssued,
  RefundLine,
  RefundRejected,
  RefundRequested,
  RejectRefund,
  RequestRefund,
  ReturnReceived,
} from './refund.types';

/** Units of `productId` bought, less those claimed by refunds that were not rejected. */
export function refundableUnits(order: OrderState, productId: string): number {
  const bought = order.lines.filter((l) => l.productId === productId).reduce((n, l) => n + l.quantity, 0);
  const claimed = order.refunds
    .filter((r) => r.status !== 'REJECTED')
    .flatMap((r) => r.lines)
    .filter((l) => l.productId === productId)
    .reduce((n, l) => n + l.quantity, 0);
  return bought - claimed;
}

/** The lowest price paid for a product in this order: a refund never pays back more than was paid. */
function unitPricePaid(order: OrderState, productId: string): number {
  return Math.min(...order.lines.filter((l) => l.productId === productId).map((l) => l.unitPrice));
}

function pricedLines(command: RequestRefund, order: OrderState): RefundLine[] {
  const asked = new Map<string, number>();
  for (const line of command.payload.lines) asked.set(line.productId, (asked.get(line.productId) ?? 0) + line.quantity);
  return [...asked].map(([productId, quantity]) => {
    const left = refundableUnits(order, productId);
    ensure(
      left > 0 && quantity <= left,
      'refund.quantity-exceeded',
      `order ${command.payload.orderId} has ${left} refundable units of ${productId}; ${quantity} asked`,
    );
    const unitPrice = unitPricePaid(order, productId);
    return { productId, quantity, unitPrice, amount: unitPrice * quantity };
  });
}

/** The SYSTEM automation that approves a request at or below the shop's auto-approve limit: the actor of its approval. */
export const AUTO_APPROVE_LIMIT = 'auto-approve-limit';

/**
 * A buyer asks for money back for shipped units: priced at what was paid, shipping excluded, within
 * the return window. At or below the shop's auto-approve limit the SYSTEM approves it in the same write.
 */
export function requestRefund(
  command: RequestRefund,
  order: OrderState,
  shop: ShopState,
): (RefundRequested | Emitted<RefundApproved>)[] {
  const { shopId } = command;
  const { orderId, refundId, refundType, reason } = command.payload;
  ensureOpenOrder(order, orderId);
  ensure(
    order.status === 'SHIPPED' || order.status === 'DELIVERED',
    'order.not-shipped',
    `order ${orderId} is ${order.status}: a refund needs every unit shipped (before that, cancel)`,
  );
  ensure(
    !order.refunds.some((r) => r.refundId === refundId),
    'refund.already-exists',
    `refund ${refundId} already exists`,
  );
  ensure(
    withinReturnWindow(order, command.metadata.occurredAt),
    'refund.window-expired',
    `order ${orderId}'s return window of ${order.returnWindowDays} days after ${order.deliveredAt} has passed`,
  );
  const lines = pricedLines(command, order);
  const amount = lines.reduce((sum, l) => sum + l.amount, 0);
  const on = { shopId, orderId, refundId };
  const at = command.metadata.occurredAt;
  const respondBy = hoursAfter(at, shop.refundPolicy.sellerResponseHours);
  const requested: RefundRequested = {
    type: 'RefundRequested',
    data: { ...on, refundType, lines, amount, reason, respondBy },
  };
  const limit = shop.refundPolicy.autoApproveLimit;
  if (limit > 0 && amount <= limit) {
    const approved = approval(on, refundType, 'SYSTEM', true, at, shop);
    return [requested, bySystem(approved, AUTO_APPROVE_LIMIT)];
  }
  return [requested];
}

/** An approval and the deadline it starts: the system pays a refund-only, or gives up on a return not sent back. */
function approval(
  on: { shopId: string; orderId: string; refundId: string },
  refundType: RefundEntry['refundType'],
  approvedBy: RefundApproved['data']['approvedBy'],
  automatic: boolean,
  at: string,
  shop: ShopState,
): RefundApproved {
  const deadline =
    refundType === 'REFUND_ONLY'
      ? { issueBy: hoursAfter(at, shop.refundPolicy.sellerResponseHours) }
      : { returnBy: daysAfter(at, LIFECYCLE.returnShipBackDays) };
  return { type: 'RefundApproved', data: { ...on, approvedBy, automatic, ...deadline } };
}

function findRefund(order: OrderState, orderId: string, refundId: string): RefundEntry {
  ensureOpenOrder(order, orderId);
  const refund = order.refunds.find((r) => r.refundId === refundId);
  ensure(refund, 'refund.not-found', `order ${orderId} has no refund ${refundId}`);
  return refund;
}

function ensureRequested(refund: RefundEntry): void {
  ensure(
    refund.status === 'REQUESTED',
    'refund.not-requested',
    `refund ${refund.refundId} is ${refund.status}, not REQUESTED`,
  );
}

/** The seller or the platform approves; the system at `respondBy` (then `automatic`). */
export function approveRefund(command: ApproveRefund, order: OrderState, shop: ShopState): RefundApproved[] {
  const { orderId, refundId } = command.payload;
  const refund = findRefund(order, orderId, refundId);
  ensureRequested(refund);
  const approvedBy = command.metadata.actor.role;
  const on = { shopId: command.shopId, orderId, refundId };
  return [approval(on, refund.refundType, approvedBy, approvedBy === 'SYSTEM', command.metadata.occurredAt, shop)];
}

/**
 * The seller or the platform refuses a request. The system refuses only an approved return that
 * never came back (`RETURN_NOT_RECEIVED`, at `returnBy`).
 */
export function rejectRefund(command: RejectRefund, order: OrderState): RefundRejected[] {
  const { orderId, refundId, reason } = command.payload;
  const refund = findRefund(order, orderId, refundId);
  const rejectedBy = command.metadata.actor.role;
  if (rejectedBy === 'SYSTEM') {
    ensure(
      refund.refundType === 'RETURN_AND_REFUND' && refund.status === 'APPROVED' && reason === RETURN_NOT_RECEIVED,
      'refund.not-approved',
      `refund ${refundId} is a ${refund.status} ${refund.refundType}: the system rejects only an approved return not sent back (${RETURN_NOT_RECEIVED})`,
    );
  } else ensureRequested(refund);
  return [{ type: 'RefundRejected', data: { shopId: command.shopId, orderId, refundId, reason, rejectedBy } }];
}

export function receiveReturn(
  command: ReceiveReturn,
  order: OrderState,
  shop: ShopState,
): (ReturnReceived | StockReleased)[] {
  const { shopId } = command;
  const { orderId, refundId } = command.payload;
  const refund = findRefund(order, orderId, refundId);
  ensure(
    refund.refundType === 'RETURN_AND_REFUND',
    'refund.not-a-return',
    `refund ${refundId} is refund-only: nothing comes back`,
  );
  ensure(refund.status === 'APPROVED', 'refund.not-approved', `refund ${refundId} is ${refund.status}, not APPROVED`);
  const restocks = refund.lines.map(({ productId, quantity }): StockReleased => ({
    type: 'StockReleased',
    data: { shopId, productId, orderId, quantity, reason: 'RETURN_RECEIVED', refundId },
  }));
  const issueBy = hoursAfter(command.metadata.occurredAt, shop.refundPolicy.sellerResponseHours);
  return [{ type: 'ReturnReceived', data: { shopId, orderId, refundId, lines: refund.lines, issueBy } }, ...restocks];
}

export function issueRefund(command: IssueRefund, order: OrderState): RefundIssued[] {
  const { orderId, refundId } = command.payload;
  const refund = findRefund(order, orderId, refundId);
  const isReturn = refund.refundType === 'RETURN_AND_REFUND';
  ensure(
    !(isReturn && refund.status === 'APPROVED'),
    'refund.return-not-received',
    `refund ${refundId} is a return: receive the items before refunding`,
  );
  const ready = isReturn ? 'RETURN_RECEIVED' : 'APPROVED';
  ensure(
    refund.status === ready,
    'refund.not-approved',
    `refund ${refundId} is ${refund.status}; it must be ${ready} to be paid`,
  );
  return [{ type: 'RefundIssued', data: { shopId: command.shopId, orderId, refundId, amount: refund.amount } }];
}
