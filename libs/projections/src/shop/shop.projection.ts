import type { DocKey } from '../doc-key';
import { projection, type ShopContext } from '../projection';

export interface ShopDoc {
  shopId: string;
  name: string;
  timeZone: string;
  currency: string;
}

export const shopKey = (shopId: string): DocKey => ({ model: 'shop', shopId, id: shopId });

const handles = ['ShopRegistered'] as const;

/**
 * The shop as the read side sees it: its name, currency and the time zone every daily bucket uses.
 * The other projections read it as their {@link ShopContext}, never a copy of their own.
 */
export const shopProjection = projection<{ shop: ShopDoc }, (typeof handles)[number]>({
  name: 'shops',
  version: 1,
  models: ['shop'],
  handles,
  documents: (event) => [{ shop: shopKey(event.data.shopId) }],
  evolve: (_docs, { data: { shopId, name, timeZone, currency } }) => ({ shop: { shopId, name, timeZone, currency } }),
});

/** The context of an event of shop `shopId` (`*` for none), from its shop document if it has one. */
export const shopContext = (shopId: string, shop: ShopDoc | undefined): ShopContext => ({
  shopId,
  timeZone: shop?.timeZone ?? 'UTC',
});
