import { DomainError, ensure } from '../shared/domain-error';
import { plusDays, toMillis } from '../shared/time';
import type { StockReleased } from '../product/product.types';
import type { ShopState } from '../shop/shop.types';
import { evolveRefund } from '../refund/refund.evolve';
import type {
  CancelOrder,
  CompleteOrder,
  ConfirmDelivery,
  OrderCancelled,
  OrderCompleted,
  OrderDelivered,
  OrderShipped,
  OrderState,
  OrderStreamEvent,
  ShipOrder,
} from './order.types';

export const initialOrderState = (): OrderState => ({
  placed: false,
  status: 'NONE',
  lines: [],
  itemsTotal: 0,
  returnWindowDays: 0,
  deliveredAt: null,
  refunds: [],
});

export function evolveOrder(state: OrderState, event: OrderStreamEvent): OrderState {
  switch (event.type) {
    case 'OrderPlaced': {
      const { lines, itemsTotal, returnWindowDays } = event.data;
      return { ...state, placed: true, status: 'AWAITING_SHIPMENT', lines, itemsTotal, returnWindowDays };
    }
    case 'OrderCancelled':
      return { ...state, status: 'CANCELLED' };
    case 'OrderShipped':
      return { ...state, status: 'SHIPPED' };
    case 'OrderDelivered':
      return { ...state, status: 'DELIVERED', deliveredAt: event.data.deliveredAt };
    case 'OrderCompleted':
      return { ...state, status: 'COMPLETED' };
    default:
      return { ...state, refunds: evolveRefund(state.refunds, event) };
  }
}

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

export function cancelOrder(command: CancelOrder, state: OrderState): (OrderCancelled | StockReleased)[] {
  const { shopId } = command;
  const { orderId, reason } = command.payload;
  ensureOpenOrder(state, orderId);
  ensure(
    state.status === 'AWAITING_SHIPMENT',
    'order.not-awaiting-shipment',
    `order ${orderId} is ${state.status}; only an order awaiting shipment can be cancelled`,
  );
  const units = new Map<string, number>();
  for (const line of state.lines) units.set(line.productId, (units.get(line.productId) ?? 0) + line.quantity);
  const releases = [...units].map(([productId, quantity]): StockReleased => ({
    type: 'StockReleased',
    data: { shopId, productId, orderId, quantity, reason: 'ORDER_CANCELLED', refundId: null },
  }));
  const cancelledBy = command.metadata.actor.role;
  return [{ type: 'OrderCancelled', data: { shopId, orderId, reason, cancelledBy } }, ...releases];
}

export function shipOrder(command: ShipOrder, state: OrderState, shop: ShopState): OrderShipped[] {
  const { shopId } = command;
  const { orderId, carrier, trackingNumber } = command.payload;
  const role = command.metadata.actor.role;
  ensureOpenOrder(state, orderId);
  const fulfiller = shop.fulfillmentMode === 'FULFILLED_BY_SELLER' ? 'SELLER' : 'PLATFORM';
  ensure(
    role === fulfiller,
    'auth.wrong-fulfiller',
    `this shop is ${shop.fulfillmentMode}: only the ${fulfiller} ships its orders`,
  );
  ensure(
    state.status === 'AWAITING_SHIPMENT',
    'order.not-awaiting-shipment',
    `order ${orderId} is ${state.status}, not AWAITING_SHIPMENT`,
  );
  if (shop.shipping.mode === 'SELLER_SHIPPING') {
    ensure(
      shop.shipping.carriers.includes(carrier),
      'carrier.not-enabled',
      `carrier ${carrier} is not enabled for this shop (enabled: ${shop.shipping.carriers.join(', ') || 'none'})`,
    );
  }
  return [{ type: 'OrderShipped', data: { shopId, orderId, carrier, trackingNumber, shippedBy: role } }];
}

export function confirmDelivery(command: ConfirmDelivery, state: OrderState): OrderDelivered[] {
  const { orderId } = command.payload;
  ensureOpenOrder(state, orderId);
  ensure(state.status !== 'DELIVERED', 'order.already-delivered', `order ${orderId} was already delivered`);
  ensure(state.status === 'SHIPPED', 'order.not-shipped', `order ${orderId} has not been shipped`);
  const deliveredAt = command.metadata.occurredAt;
  return [{ type: 'OrderDelivered', data: { shopId: command.shopId, orderId, deliveredAt } }];
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
  const open = state.refunds.find(
    (r) => r.status === 'REQUESTED' || r.status === 'APPROVED' || r.status === 'RETURN_RECEIVED',
  );
  ensure(!open, 'order.refund-open', `order ${orderId} has refund ${open?.refundId} still ${open?.status}`);
  return [{ type: 'OrderCompleted', data: { shopId: command.shopId, orderId } }];
}
