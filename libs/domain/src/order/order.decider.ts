import { DomainError, ensure } from '../shared/domain-error';
import { plusDays, toMillis } from '../shared/time';
import type { CompleteOrder, OrderCompleted, OrderState } from './order.types';

/**
 * The order exists in this shop and is not final.
 * @throws DomainError `order.not-found`, `order.completed` or `order.cancelled`.
 */
export function ensureOpenOrder(state: OrderState, orderId: string): void {
  ensure(state.placed, 'order.not-found', `order ${orderId} does not exist in this shop`);
  ensure(
    state.status !== 'COMPLETED',
    'order.completed',
    `order ${orderId} is completed; nothing more can happen to it`,
  );
  ensure(state.status !== 'CANCELLED', 'order.cancelled', `order ${orderId} is cancelled`);
}

/** Is the return window still open at `at`? It closes `returnWindowDays × 24 h` after delivery. */
export function withinReturnWindow(state: OrderState, at: string): boolean {
  return state.deliveredAt === null || toMillis(at) <= plusDays(state.deliveredAt, state.returnWindowDays);
}

/** The first instant after the return window of an order delivered at `deliveredAt`: when it completes. */
export function completeAtFor(deliveredAt: string, returnWindowDays: number): string {
  return new Date(plusDays(deliveredAt, returnWindowDays) + 1000).toISOString();
}

/** The refund of the order still waiting on someone, if any. */
export function openRefund(state: OrderState) {
  return state.refunds.find(
    (r) => r.status === 'REQUESTED' || r.status === 'APPROVED' || r.status === 'RETURN_RECEIVED',
  );
}

export function completeOrder(command: CompleteOrder, state: OrderState): OrderCompleted[] {
  const { orderId } = command.payload;
  ensureOpenOrder(state, orderId);
  ensure(state.status === 'DELIVERED', 'order.not-delivered', `order ${orderId} is ${state.status}, not DELIVERED`);
  if (withinReturnWindow(state, command.metadata.occurredAt)) {
    throw new DomainError(
      'order.return-window-open',
      `order ${orderId}'s return window of ${state.returnWindowDays} days after ${state.deliveredAt} is still open`,
    );
  }
  const open = openRefund(state);
  ensure(!open, 'order.refund-open', `order ${orderId} has refund ${open?.refundId} still ${open?.status}`);
  return [{ type: 'OrderCompleted', data: { shopId: command.shopId, orderId } }];
}
