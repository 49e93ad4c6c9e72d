import { fold, type CommandModule, type EventStreams, type StreamFolds } from '../module';
import { toShopStream } from '../shop/shop.commands';
import { inShop } from '../shop/shop.decider';
import { streams } from '../streams';
import {
  createCampaign,
  evolveCampaign,
  initialCampaignState,
  joinCampaign,
  withdrawFromCampaign,
} from './campaign.decider';
import type { CampaignCommand, CampaignEvent } from './campaign.types';

/** The campaign's commands: the platform creates it (no shop), sellers join and withdraw products. */
export const campaignCommands = {
  CreateCampaign: {
    roles: ['PLATFORM'],
    reads: ({ payload }) => [streams.campaign(payload.campaignId)],
    decide: (command, view) => createCampaign(command, view.campaign(command.payload.campaignId)),
  },
  JoinCampaign: {
    roles: ['SELLER'],
    reads: ({ shopId, payload }) => [
      streams.shop(shopId),
      streams.campaign(payload.campaignId),
      ...new Set(payload.products.map((p) => streams.product(shopId, p.productId))),
    ],
    decide: inShop((command, view, shop) =>
      joinCampaign(command, shop, view.campaign(command.payload.campaignId), view.product),
    ),
  },
  WithdrawFromCampaign: {
    roles: ['SELLER'],
    reads: ({ shopId, payload }) => [streams.shop(shopId), streams.campaign(payload.campaignId)],
    decide: inShop((command, view, shop) =>
      withdrawFromCampaign(command, shop, view.campaign(command.payload.campaignId)),
    ),
  },
} satisfies CommandModule<CampaignCommand>;

/** A campaign's creation is stored in its stream; a shop's enrollments in the shop's, where orders price from them. */
export const campaignEvents = {
  CampaignCreated: (e) => streams.campaign(e.data.campaignId),
  CampaignJoined: toShopStream,
  CampaignWithdrawn: toShopStream,
} satisfies EventStreams<CampaignEvent>;

/** A campaign stream holds its creation: windows and minimum discount. */
export const campaignFolds = { campaign: fold(1, initialCampaignState, evolveCampaign) } satisfies StreamFolds;
