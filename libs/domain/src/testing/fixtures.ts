import { COMMAND_ROLES } from '../registry';
import type { Role } from '../shared/command';
import type { CommandOf, CommandType, EventOf, EventType } from '../messages';
import type { ShippingTemplate } from '../shop/shop.types';

export const SHOP = 'shop-1';
export const T0 = '2026-11-20T10:00:00.000Z';

export function at(iso: string, plusHours = 0): string {
  return new Date(Date.parse(iso) + plusHours * 3_600_000).toISOString();
}

interface CommandOptions {
  role?: Role;
  at?: string;
  shopId?: string;
}

/** A command of `type` sent by the first role allowed to send it, for SHOP at T0 unless told. */
export function cmd<T extends CommandType>(type: T, payload: CommandOf<T>['payload'], options: CommandOptions = {}) {
  const role = options.role ?? COMMAND_ROLES[type][0] ?? 'SYSTEM';
  return {
    type,
    shopId: options.shopId ?? SHOP,
    payload,
    metadata: { actor: { role, id: `${role.toLowerCase()}-1` }, occurredAt: options.at ?? T0 },
  } as CommandOf<T>;
}

/** A buyer's order of `quantity` of the opening's product p-2, to California, from a LIVE. */
export const placeOrder = (orderId: string, quantity = 1, options: CommandOptions = {}) =>
  cmd(
    'PlaceOrder',
    {
      orderId,
      buyerId: 'b-1',
      lines: [{ productId: 'p-2', quantity }],
      shipTo: { country: 'US', region: 'CA' },
      channel: 'LIVE',
    },
    options,
  );

export function ev<T extends EventType>(type: T, data: EventOf<T>['data']): EventOf<T> {
  return { type, data } as EventOf<T>;
}

export const TEMPLATE: ShippingTemplate = {
  zones: [
    { name: 'West', regions: ['US-CA', 'US-WA', 'US-OR'], fee: 599 },
    { name: 'Rest of US', regions: ['US'], fee: 899 },
  ],
  excludedRegions: ['US-AK', 'US-HI'],
  freeShippingThreshold: 5000,
  shippingDiscountPercent: 10,
};

export const shopRegistered = (shopId = SHOP) =>
  ev('ShopRegistered', {
    shopId,
    name: 'Acme',
    sellerId: 'seller-1',
    timeZone: 'America/Los_Angeles',
    currency: 'USD',
  });

/** A registered shop, shipping with UPS under its own shipping, serving the US but Alaska and Hawaii. */
export const readyShop = (shopId = SHOP) => [
  shopRegistered(shopId),
  ev('ShippingConfigured', { shopId, mode: 'SELLER_SHIPPING', carriers: ['UPS_GROUND', 'UPS_2ND_DAY_AIR'] }),
  ev('ShippingTemplateSaved', { shopId, template: TEMPLATE }),
];

export const listed = (productId: string, price = 2000, stock = 10, shopId = SHOP) =>
  ev('ProductListed', { shopId, productId, title: `Product ${productId}`, price, stock });

/** A listed and approved product. */
export const activeProduct = (productId: string, price = 2000, stock = 10, shopId = SHOP) => [
  listed(productId, price, stock, shopId),
  ev('ProductApproved', { shopId, productId }),
];
