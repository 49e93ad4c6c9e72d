import { ensure } from '../shared/domain-error';
import { daysAfter, toMillis } from '../shared/time';
import { LIFECYCLE } from '../lifecycle/policies';
import type { ShopState } from '../shop/shop.types';
import { ensureNoPendingCancellation } from './cancellation';
import { completeAtFor, ensureOpenOrder } from './order.decider';
import type {
  ConfirmDelivery,
  OrderDelivered,
  OrderShipped,
  OrderState,
  PackageDelivered,
  PackageLine,
  PackageShipped,
  ShipOrder,
  ShipPackage,
} from './order.types';

const sumBy = (lines: readonly PackageLine[]) => {
  const units = new Map<string, number>();
  for (const { productId, quantity } of lines) units.set(productId, (units.get(productId) ?? 0) + quantity);
  return units;
};

/** Units of each product bought and not yet in a package. */
export function unshippedUnits(state: OrderState): Map<string, number> {
  const left = sumBy(state.lines);
  for (const [productId, quantity] of sumBy(state.packages.flatMap((p) => p.lines)))
    left.set(productId, (left.get(productId) ?? 0) - quantity);
  for (const [productId, quantity] of left) if (quantity <= 0) left.delete(productId);
  return left;
}

/** Who may ship, from where, with which carrier: the rules `ShipOrder` and `ShipPackage` share. */
function ensureShippable(command: ShipOrder | ShipPackage, state: OrderState, shop: ShopState): void {
  const { orderId, carrier } = command.payload;
  ensureOpenOrder(state, orderId);
  const fulfiller = shop.fulfillmentMode === 'FULFILLED_BY_SELLER' ? 'SELLER' : 'PLATFORM';
  ensure(
    command.metadata.actor.role === fulfiller,
    'auth.wrong-fulfiller',
    `this shop is ${shop.fulfillmentMode}: only the ${fulfiller} ships its orders`,
  );
  ensure(
    state.status === 'AWAITING_SHIPMENT' || state.status === 'PARTIALLY_SHIPPED',
    'order.not-awaiting-shipment',
    `order ${orderId} is ${state.status}; only an order awaiting shipment (or partly shipped) ships`,
  );
  ensureNoPendingCancellation(state, orderId);
  if (shop.shipping.mode === 'SELLER_SHIPPING') {
    ensure(
      shop.shipping.carriers.includes(carrier),
      'carrier.not-enabled',
      `carrier ${carrier} is not enabled for this shop (enabled: ${shop.shipping.carriers.join(', ') || 'none'})`,
    );
  }
}

/** The package and, when it holds the last unshipped units, the order shipped with it. */
function ship(
  command: ShipOrder | ShipPackage,
  state: OrderState,
  packageId: string,
  lines: PackageLine[],
): (PackageShipped | OrderShipped)[] {
  const { shopId } = command;
  const { orderId, carrier, trackingNumber } = command.payload;
  ensure(
    !state.packages.some((p) => p.packageId === packageId),
    'package.duplicate',
    `order ${orderId} already has a package ${packageId}`,
  );
  const shippedAt = command.metadata.occurredAt;
  const shippedBy = command.metadata.actor.role;
  const late = toMillis(shippedAt) > toMillis(state.shipBy);
  const autoConfirmAt = daysAfter(shippedAt, LIFECYCLE.autoConfirmDays);
  const parcel = { shopId, orderId, carrier, trackingNumber };
  const shipped: PackageShipped = {
    type: 'PackageShipped',
    data: { ...parcel, packageId, lines, shippedBy, shippedAt, late, autoConfirmAt },
  };
  const left = unshippedUnits({ ...state, packages: [...state.packages, { packageId, lines, deliveredAt: null }] });
  if (left.size) return [shipped];
  const shippedLate = state.shippedLate || late;
  return [shipped, { type: 'OrderShipped', data: { ...parcel, shippedBy, shippedLate } }];
}

/** Ships every unit still unshipped as one package. */
export function shipOrder(command: ShipOrder, state: OrderState, shop: ShopState): (PackageShipped | OrderShipped)[] {
  ensureShippable(command, state, shop);
  const lines = [...unshippedUnits(state)].map(([productId, quantity]) => ({ productId, quantity }));
  const packageId = command.payload.packageId ?? `${command.payload.orderId}/${state.packages.length + 1}`;
  return ship(command, state, packageId, lines);
}

/** Ships some of the unshipped units; the order is `PARTIALLY_SHIPPED` until every unit has gone. */
export function shipPackage(
  command: ShipPackage,
  state: OrderState,
  shop: ShopState,
): (PackageShipped | OrderShipped)[] {
  ensureShippable(command, state, shop);
  const { orderId, packageId } = command.payload;
  const left = unshippedUnits(state);
  const lines = [...sumBy(command.payload.lines)].map(([productId, quantity]) => ({ productId, quantity }));
  for (const { productId, quantity } of lines) {
    const unshipped = left.get(productId) ?? 0;
    ensure(
      quantity <= unshipped,
      'package.quantity-exceeded',
      `order ${orderId} has ${unshipped} unshipped units of ${productId}; ${quantity} in package ${packageId}`,
    );
  }
  return ship(command, state, packageId, lines);
}

/**
 * Delivers one package, or every shipped and undelivered one. The order is delivered (its return
 * window starts) when every unit has shipped and every package is delivered.
 */
export function confirmDelivery(command: ConfirmDelivery, state: OrderState): (PackageDelivered | OrderDelivered)[] {
  const { shopId } = command;
  const { orderId, packageId } = command.payload;
  ensureOpenOrder(state, orderId);
  ensure(state.packages.length > 0, 'order.not-shipped', `order ${orderId} has not been shipped`);
  const undelivered = state.packages.filter((p) => p.deliveredAt === null);
  let delivering = undelivered;
  if (packageId !== undefined) {
    const parcel = state.packages.find((p) => p.packageId === packageId);
    ensure(parcel, 'package.not-found', `order ${orderId} has no package ${packageId}`);
    delivering = undelivered.filter((p) => p.packageId === packageId);
  }
  ensure(
    delivering.length > 0,
    'package.already-delivered',
    `${packageId === undefined ? `every package of order ${orderId}` : `package ${packageId}`} was already delivered`,
  );
  const deliveredAt = command.metadata.occurredAt;
  const events: (PackageDelivered | OrderDelivered)[] = delivering.map((p) => ({
    type: 'PackageDelivered',
    data: { shopId, orderId, packageId: p.packageId, deliveredAt },
  }));
  const allShipped = state.status === 'SHIPPED';
  if (allShipped && delivering.length === undelivered.length) {
    const completeAt = completeAtFor(deliveredAt, state.returnWindowDays);
    events.push({ type: 'OrderDelivered', data: { shopId, orderId, deliveredAt, completeAt } });
  }
  return events;
}
