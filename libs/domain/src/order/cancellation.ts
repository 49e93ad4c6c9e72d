import { ensure } from '../shared/domain-error';
import { hoursAfter, toMillis } from '../shared/time';
import { LIFECYCLE } from '../lifecycle/policies';
import type { StockReleased } from '../product/product.types';
import { ensureOpenOrder } from './order.decider';
import type {
  ApproveCancellation,
  CancelOrder,
  CancellationApproved,
  CancellationEntry,
  CancellationRejected,
  CancellationRequested,
  OrderCancelled,
  OrderState,
  RejectCancellation,
  RequestCancellation,
} from './order.types';

const MINUTE_MS = 60_000;

function ensureAwaitingShipment(state: OrderState, orderId: string): void {
  ensure(
    state.status === 'AWAITING_SHIPMENT',
    'order.not-awaiting-shipment',
    `order ${orderId} is ${state.status}; only an order awaiting shipment can be cancelled`,
  );
}

/** The order cancelled and every unit back to stock: nothing of a cancellable order has shipped. */
function cancelled(
  shopId: string,
  state: OrderState,
  orderId: string,
  reason: string,
  cancelledBy: OrderCancelled['data']['cancelledBy'],
) {
  const units = new Map<string, number>();
  for (const line of state.lines) units.set(line.productId, (units.get(line.productId) ?? 0) + line.quantity);
  const releases = [...units].map(([productId, quantity]): StockReleased => ({
    type: 'StockReleased',
    data: { shopId, productId, orderId, quantity, reason: 'ORDER_CANCELLED', refundId: null },
  }));
  const event: OrderCancelled = { type: 'OrderCancelled', data: { shopId, orderId, reason, cancelledBy } };
  return [event, ...releases];
}

/**
 * Cancels before shipment. The buyer only within the free-cancel window after `placedAt`; later it
 * asks ({@link requestCancellation}). The seller and the system (`SHIPPING_OVERDUE`) at once.
 */
export function cancelOrder(command: CancelOrder, state: OrderState): (OrderCancelled | StockReleased)[] {
  const { orderId, reason } = command.payload;
  const { role } = command.metadata.actor;
  ensureOpenOrder(state, orderId);
  ensureAwaitingShipment(state, orderId);
  if (role === 'BUYER') {
    const minutes = (toMillis(command.metadata.occurredAt) - toMillis(state.placedAt)) / MINUTE_MS;
    ensure(
      minutes <= LIFECYCLE.freeCancelMinutes,
      'order.cancel-window-closed',
      `order ${orderId} was placed ${Math.floor(minutes)} minutes ago; a buyer cancels at once only within ${LIFECYCLE.freeCancelMinutes} minutes, later it requests a cancellation`,
    );
  }
  return cancelled(command.shopId, state, orderId, reason, role);
}

const pendingOf = (state: OrderState) => state.cancellations.find((c) => c.status === 'PENDING');

export function requestCancellation(command: RequestCancellation, state: OrderState): CancellationRequested[] {
  const { orderId, cancellationId, reason } = command.payload;
  ensureOpenOrder(state, orderId);
  ensure(
    state.status === 'AWAITING_SHIPMENT',
    'order.not-awaiting-shipment',
    `order ${orderId} is ${state.status}; a cancellation is requested only before anything ships`,
  );
  const pending = pendingOf(state);
  ensure(
    !pending,
    'order.cancellation-pending',
    `order ${orderId} has cancellation ${pending?.cancellationId} pending`,
  );
  ensure(
    !state.cancellations.some((c) => c.cancellationId === cancellationId),
    'cancellation.already-exists',
    `cancellation ${cancellationId} already exists`,
  );
  const requestedAt = command.metadata.occurredAt;
  const respondBy = hoursAfter(requestedAt, LIFECYCLE.cancellationResponseHours);
  const data = { shopId: command.shopId, orderId, cancellationId, reason, requestedAt, respondBy };
  return [{ type: 'CancellationRequested', data }];
}

function pendingRequest(state: OrderState, orderId: string, cancellationId: string): CancellationEntry {
  ensureOpenOrder(state, orderId);
  const request = state.cancellations.find((c) => c.cancellationId === cancellationId && c.status === 'PENDING');
  ensure(request, 'cancellation.not-found', `order ${orderId} has no pending cancellation ${cancellationId}`);
  return request;
}

/** The seller (or the system at `respondBy`) accepts: the order is cancelled as the buyer's, stock back. */
export function approveCancellation(
  command: ApproveCancellation,
  state: OrderState,
): (CancellationApproved | OrderCancelled | StockReleased)[] {
  const { shopId } = command;
  const { orderId, cancellationId } = command.payload;
  const request = pendingRequest(state, orderId, cancellationId);
  const approvedBy = command.metadata.actor.role;
  const approved: CancellationApproved = {
    type: 'CancellationApproved',
    data: { shopId, orderId, cancellationId, approvedBy, automatic: approvedBy === 'SYSTEM' },
  };
  return [approved, ...cancelled(shopId, state, orderId, request.reason, 'BUYER')];
}

export function rejectCancellation(command: RejectCancellation, state: OrderState): CancellationRejected[] {
  const { orderId, cancellationId, reason } = command.payload;
  pendingRequest(state, orderId, cancellationId);
  const rejectedBy = command.metadata.actor.role;
  return [
    { type: 'CancellationRejected', data: { shopId: command.shopId, orderId, cancellationId, reason, rejectedBy } },
  ];
}

/** @throws DomainError `order.cancellation-pending` while the buyer waits for an answer. */
export function ensureNoPendingCancellation(state: OrderState, orderId: string): void {
  const pending = pendingOf(state);
  ensure(
    !pending,
    'order.cancellation-pending',
    `order ${orderId} has cancellation ${pending?.cancellationId} pending: answer it before shipping`,
  );
}
