import type { Cmd, Evt } from '../shared/command';

export interface CampaignWindows {
  registrationStartsAt: string;
  registrationEndsAt: string;
  startsAt: string;
  endsAt: string;
}

export interface CampaignState extends CampaignWindows {
  created: boolean;
  name: string;
  minimumDiscountPercent: number;
}

export interface CampaignProduct {
  productId: string;
  campaignPrice: number;
  reservedStock: number;
}

/** Campaigns are the platform's: CreateCampaign carries no shop. */
export type CreateCampaign = Omit<
  Cmd<'CreateCampaign', CampaignWindows & { campaignId: string; name: string; minimumDiscountPercent: number }>,
  'shopId'
> & { shopId?: string };
export type JoinCampaign = Cmd<'JoinCampaign', { campaignId: string; products: CampaignProduct[] }>;
export type WithdrawFromCampaign = Cmd<'WithdrawFromCampaign', { campaignId: string; productIds: string[] }>;
export type CampaignCommand = CreateCampaign | JoinCampaign | WithdrawFromCampaign;

/** The platform announced a campaign with its registration and sale windows. */
export type CampaignCreated = Evt<
  'CampaignCreated',
  CampaignWindows & { campaignId: string; name: string; minimumDiscountPercent: number }
>;
/** A shop registered products at campaign prices; stored in the shop's stream, with the sale window. */
export type CampaignJoined = Evt<
  'CampaignJoined',
  { shopId: string; campaignId: string; startsAt: string; endsAt: string; products: CampaignProduct[] }
>;
/** A shop took products out of a campaign before it started. */
export type CampaignWithdrawn = Evt<'CampaignWithdrawn', { shopId: string; campaignId: string; productIds: string[] }>;
export type CampaignEvent = CampaignCreated | CampaignJoined | CampaignWithdrawn;
