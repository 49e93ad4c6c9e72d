import { evolveCampaign, initialCampaignState } from './campaign/campaign.decider';
import type { CampaignEvent } from './campaign/campaign.types';
import type { DomainEvent } from './messages';
import { evolveOrder, initialOrderState } from './order/order.decider';
import type { OrderStreamEvent } from './order/order.types';
import { evolveProduct, initialProductState } from './product/product.decider';
import type { ProductEvent } from './product/product.types';
import { evolveShop, initialShopState, type ShopStreamEvent } from './shop/shop.decider';
import { type StreamCategory, categoryOf } from './streams';
import { evolveLiveSession, initialLiveSessionState } from './traffic/traffic.decider';
import type { TrafficEvent } from './traffic/traffic.types';

/** How one stream's state starts and grows, by category. */
export interface StreamFold<S = unknown> {
  initialState(): S;
  evolve(state: S, event: DomainEvent): S;
}

const FOLDS: Record<StreamCategory, StreamFold> = {
  shop: { initialState: initialShopState, evolve: (s, e) => evolveShop(s as never, e as ShopStreamEvent) },
  product: { initialState: initialProductState, evolve: (s, e) => evolveProduct(s as never, e as ProductEvent) },
  order: { initialState: initialOrderState, evolve: (s, e) => evolveOrder(s as never, e as OrderStreamEvent) },
  campaign: { initialState: initialCampaignState, evolve: (s, e) => evolveCampaign(s as never, e as CampaignEvent) },
  live: { initialState: initialLiveSessionState, evolve: (s, e) => evolveLiveSession(s as never, e as TrafficEvent) },
  visits: { initialState: () => ({}), evolve: (s) => s },
};

/** The fold for `stream`'s category. */
export function foldFor(stream: string): StreamFold {
  return FOLDS[categoryOf(stream)];
}

/** The state of a stream after `events`, from its initial state. */
export function foldStream(stream: string, events: readonly DomainEvent[]): unknown {
  const fold = foldFor(stream);
  return events.reduce((state, event) => fold.evolve(state, event), fold.initialState());
}
