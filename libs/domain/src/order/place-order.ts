import { ensure } from '../shared/domain-error';
import { campaignPriceAt } from '../campaign/campaign-price';
import { ensureProduct } from '../product/product.decider';
import type { ProductState, StockReserved } from '../product/product.types';
import { daysAfter } from '../shared/time';
import { shippingFee } from '../shop/shipping-fee';
import type { ShopState } from '../shop/shop.types';
import type { OrderLine, OrderPlaced, OrderState, PlaceOrder } from './order.types';

/** Units asked for per product, summing lines that repeat a product. */
function unitsByProduct(lines: PlaceOrder['payload']['lines']): Map<string, number> {
  const units = new Map<string, number>();
  for (const line of lines) units.set(line.productId, (units.get(line.productId) ?? 0) + line.quantity);
  return units;
}

function priceLine(
  command: PlaceOrder,
  shop: ShopState,
  line: PlaceOrder['payload']['lines'][number],
  product: ProductState,
): OrderLine {
  const enrollment = campaignPriceAt(shop.enrollments, line.productId, command.metadata.occurredAt);
  const unitPrice = enrollment?.campaignPrice ?? product.price;
  return {
    productId: line.productId,
    title: product.title,
    quantity: line.quantity,
    listPrice: product.price,
    unitPrice,
    lineTotal: unitPrice * line.quantity,
    campaignId: enrollment?.campaignId ?? null,
  };
}

/**
 * Places an order: every product active with enough stock, the region served, prices from the
 * products (or their campaign), and one StockReserved per product, appended in the same write.
 * The return window and the ship-by deadline are those of the shop's policies in force now.
 */
export function placeOrder(
  command: PlaceOrder,
  order: OrderState,
  shop: ShopState,
  product: (productId: string) => ProductState,
): (OrderPlaced | StockReserved)[] {
  const { shopId } = command;
  const { orderId, buyerId, channel, shipTo } = command.payload;
  ensure(!order.placed, 'order.already-exists', `order ${orderId} already exists`);
  const units = unitsByProduct(command.payload.lines);
  for (const [productId, quantity] of units) {
    const state = product(productId);
    ensureProduct(state, productId);
    ensure(state.status === 'ACTIVE', 'product.not-active', `product ${productId} is ${state.status}, not ACTIVE`);
    ensure(
      quantity <= state.stock,
      'stock.insufficient',
      `product ${productId} has ${state.stock} units available; ${quantity} ordered`,
    );
  }
  const lines = command.payload.lines.map((line) => priceLine(command, shop, line, product(line.productId)));
  const itemsTotal = lines.reduce((sum, line) => sum + line.lineTotal, 0);
  const fee = shippingFee(shop.template, shipTo, itemsTotal);
  const placed: OrderPlaced = {
    type: 'OrderPlaced',
    data: {
      shopId,
      orderId,
      buyerId,
      channel,
      lines,
      itemsTotal,
      shippingFee: fee,
      total: itemsTotal + fee,
      currency: shop.currency,
      shipTo,
      returnWindowDays: shop.refundPolicy.returnWindowDays,
      placedAt: command.metadata.occurredAt,
      shipBy: daysAfter(command.metadata.occurredAt, shop.shipping.handlingDays),
    },
  };
  const reservations = [...units].map(([productId, quantity]): StockReserved => ({
    type: 'StockReserved',
    data: { shopId, productId, orderId, quantity },
  }));
  return [placed, ...reservations];
}
