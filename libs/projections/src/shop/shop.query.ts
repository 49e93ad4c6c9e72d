import type { DocStore } from '../doc-store';
import { shopKey, type ShopDoc } from './shop.projection';

/** The shop's document, undefined for a shop not registered (or not projected yet). */
export function shopOf(docs: DocStore, shopId: string): Promise<ShopDoc | undefined> {
  return docs.get<ShopDoc>(shopKey(shopId));
}
