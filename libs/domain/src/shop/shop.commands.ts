import { fold, type CommandModule, type EventStreams, type StreamFolds } from '../module';
import type { StateView } from '../state-view';
import { streams } from '../streams';
import { decideShop, evolveShop, initialShopState } from './shop.decider';
import type { ShopCommand, ShopEvent } from './shop.types';

const shopStream = ({ shopId }: { shopId: string }) => [streams.shop(shopId)];
const onShop = (command: ShopCommand, view: StateView) => decideShop(command, view.shop());

/** The shop's commands: the platform opens a shop, its seller sets how it sells. */
export const shopCommands = {
  RegisterShop: { roles: ['PLATFORM'], reads: shopStream, decide: onShop },
  SetFulfillmentMode: { roles: ['SELLER'], reads: shopStream, decide: onShop },
  SetRefundPolicy: { roles: ['SELLER'], reads: shopStream, decide: onShop },
  ConfigureShipping: { roles: ['SELLER'], reads: shopStream, decide: onShop },
  SaveShippingTemplate: { roles: ['SELLER'], reads: shopStream, decide: onShop },
} satisfies CommandModule<ShopCommand>;

/** The stream of the shop an event names. */
export const toShopStream = (event: { data: { shopId: string } }) => streams.shop(event.data.shopId);

/** The shop's events are stored in its stream. */
export const shopEvents = {
  ShopRegistered: toShopStream,
  FulfillmentModeSet: toShopStream,
  RefundPolicySet: toShopStream,
  ShippingConfigured: toShopStream,
  ShippingTemplateSaved: toShopStream,
} satisfies EventStreams<ShopEvent>;

/** The shop stream holds its settings and its campaign enrollments (`CampaignJoined`, `CampaignWithdrawn`). */
export const shopFolds = { shop: fold(1, initialShopState, evolveShop) } satisfies StreamFolds;
