import type { Channel, OrderLine } from '../order/order.types';
import { at, ev, SHOP, T0 } from './fixtures';

/** Black Friday: registration in November, the sale from 27 Nov 08:00 UTC for 24 h, at least 20% off. */
export const BLACK_FRIDAY = {
  campaignId: 'bf-2026',
  name: 'Black Friday',
  registrationStartsAt: '2026-11-01T00:00:00.000Z',
  registrationEndsAt: '2026-11-25T00:00:00.000Z',
  startsAt: '2026-11-27T08:00:00.000Z',
  endsAt: '2026-11-28T08:00:00.000Z',
  minimumDiscountPercent: 20,
};

export const blackFridayCreated = () => ev('CampaignCreated', BLACK_FRIDAY);

export const joinedBlackFriday = (productId: string, campaignPrice: number, reservedStock = 5) =>
  ev('CampaignJoined', {
    shopId: SHOP,
    campaignId: BLACK_FRIDAY.campaignId,
    startsAt: BLACK_FRIDAY.startsAt,
    endsAt: BLACK_FRIDAY.endsAt,
    products: [{ productId, campaignPrice, reservedStock }],
  });

export const line = (productId: string, quantity: number, unitPrice: number, listPrice = unitPrice): OrderLine => ({
  productId,
  title: `Product ${productId}`,
  quantity,
  listPrice,
  unitPrice,
  lineTotal: quantity * unitPrice,
  campaignId: unitPrice === listPrice ? null : BLACK_FRIDAY.campaignId,
});

/** An order placed in California (zone fee 599 less 10%), and its stock reservations. */
export function placed(
  orderId: string,
  lines: OrderLine[],
  options: { at?: string; channel?: Channel; returnWindowDays?: number } = {},
) {
  const itemsTotal = lines.reduce((s, l) => s + l.lineTotal, 0);
  const shippingFee = itemsTotal >= 5000 ? 0 : 539;
  return [
    ev('OrderPlaced', {
      shopId: SHOP,
      orderId,
      buyerId: 'b-1',
      channel: options.channel ?? 'LIVE',
      lines,
      itemsTotal,
      shippingFee,
      total: itemsTotal + shippingFee,
      currency: 'USD',
      shipTo: { country: 'US', region: 'CA' },
      returnWindowDays: options.returnWindowDays ?? 30,
      placedAt: options.at ?? T0,
      shipBy: at(options.at ?? T0, 3 * 24),
    }),
    ...lines.map((l) => ev('StockReserved', { shopId: SHOP, productId: l.productId, orderId, quantity: l.quantity })),
  ];
}

/** The whole order shipped as it was before packages: one `OrderShipped` (the fold takes it as one package). */
export const shipped = (orderId: string) =>
  ev('OrderShipped', { shopId: SHOP, orderId, carrier: 'UPS_GROUND', trackingNumber: '1Z999', shippedBy: 'SELLER' });

export const delivered = (orderId: string, deliveredAt: string) =>
  ev('OrderDelivered', { shopId: SHOP, orderId, deliveredAt });

/** A package of `lines` shipped at `shippedAt` (not late unless told). */
export const packageShipped = (
  orderId: string,
  packageId: string,
  lines: { productId: string; quantity: number }[],
  options: { at?: string; late?: boolean; by?: 'SELLER' | 'PLATFORM' } = {},
) =>
  ev('PackageShipped', {
    shopId: SHOP,
    orderId,
    carrier: 'UPS_GROUND',
    trackingNumber: '1Z999',
    packageId,
    lines,
    shippedBy: options.by ?? 'SELLER',
    shippedAt: options.at ?? T0,
    late: options.late ?? false,
    autoConfirmAt: at(options.at ?? T0, 14 * 24),
  });
