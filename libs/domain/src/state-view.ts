import type { CampaignState } from './campaign/campaign.types';
import type { OrderState } from './order/order.types';
import type { ProductState } from './product/product.types';
import type { ShopState } from './shop/shop.types';
import { streams } from './streams';
import type { LiveSessionState } from './traffic/traffic.types';

/** The states a decision may look at: those of the streams its command entry's `reads` names. */
export interface StateView {
  shop(): ShopState;
  product(productId: string): ProductState;
  order(orderId: string): OrderState;
  campaign(campaignId: string): CampaignState;
  liveSession(sessionId: string): LiveSessionState;
}

/** A view over loaded stream states; asking for a stream that was not loaded is a programming error. */
export function stateView(shopId: string, stateOf: (stream: string) => unknown): StateView {
  return {
    shop: () => stateOf(streams.shop(shopId)) as ShopState,
    product: (id) => stateOf(streams.product(shopId, id)) as ProductState,
    order: (id) => stateOf(streams.order(shopId, id)) as OrderState,
    campaign: (id) => stateOf(streams.campaign(id)) as CampaignState,
    liveSession: (id) => stateOf(streams.liveSession(shopId, id)) as LiveSessionState,
  };
}
