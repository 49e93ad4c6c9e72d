import { ensure } from '../shared/domain-error';
import { isDiscountAtLeast } from '../shared/money';
import { toMillis } from '../shared/time';
import { ensureProduct } from '../product/product.decider';
import type { ProductState } from '../product/product.types';
import type { ShopState } from '../shop/shop.types';
import type {
  CampaignCreated,
  CampaignEvent,
  CampaignJoined,
  CampaignState,
  CampaignWithdrawn,
  CreateCampaign,
  JoinCampaign,
  WithdrawFromCampaign,
} from './campaign.types';

export const initialCampaignState = (): CampaignState => ({
  created: false,
  name: '',
  minimumDiscountPercent: 0,
  registrationStartsAt: '',
  registrationEndsAt: '',
  startsAt: '',
  endsAt: '',
});

export function evolveCampaign(state: CampaignState, event: CampaignEvent): CampaignState {
  if (event.type !== 'CampaignCreated') return state;
  const { campaignId: _id, ...rest } = event.data;
  return { ...state, ...rest, created: true };
}

export function createCampaign(command: CreateCampaign, state: CampaignState): CampaignCreated[] {
  const { campaignId } = command.payload;
  ensure(!state.created, 'campaign.already-exists', `campaign ${campaignId} already exists`);
  return [{ type: 'CampaignCreated', data: command.payload }];
}

function ensureCampaign(state: CampaignState, campaignId: string): void {
  ensure(state.created, 'campaign.not-found', `campaign ${campaignId} does not exist`);
}

function isEnrolled(shop: ShopState, campaignId: string, productId: string): boolean {
  return shop.enrollments.some((e) => e.campaignId === campaignId && e.productId === productId);
}

export function joinCampaign(
  command: JoinCampaign,
  shop: ShopState,
  campaign: CampaignState,
  product: (productId: string) => ProductState,
): CampaignJoined[] {
  const { campaignId, products } = command.payload;
  ensureCampaign(campaign, campaignId);
  const at = toMillis(command.metadata.occurredAt);
  ensure(
    toMillis(campaign.registrationStartsAt) <= at && at < toMillis(campaign.registrationEndsAt),
    'campaign.registration-closed',
    `registration for ${campaign.name} is open from ${campaign.registrationStartsAt} until ${campaign.registrationEndsAt}`,
  );
  for (const line of products) {
    const state = product(line.productId);
    ensureProduct(state, line.productId);
    ensure(state.status === 'ACTIVE', 'product.not-active', `product ${line.productId} is ${state.status}, not ACTIVE`);
    ensure(
      !isEnrolled(shop, campaignId, line.productId),
      'campaign.already-joined',
      `product ${line.productId} already takes part in ${campaign.name}`,
    );
    ensure(
      isDiscountAtLeast(line.campaignPrice, state.price, campaign.minimumDiscountPercent),
      'campaign.discount-too-small',
      `${campaign.name} needs at least ${campaign.minimumDiscountPercent}% off the list price ${state.price} of ${line.productId}; ${line.campaignPrice} is not enough`,
    );
    ensure(
      line.reservedStock <= state.stock,
      'campaign.stock-exceeded',
      `product ${line.productId} has ${state.stock} units available; cannot reserve ${line.reservedStock}`,
    );
  }
  const { startsAt, endsAt } = campaign;
  return [{ type: 'CampaignJoined', data: { shopId: command.shopId, campaignId, startsAt, endsAt, products } }];
}

export function withdrawFromCampaign(
  command: WithdrawFromCampaign,
  shop: ShopState,
  campaign: CampaignState,
): CampaignWithdrawn[] {
  const { campaignId, productIds } = command.payload;
  ensureCampaign(campaign, campaignId);
  ensure(
    toMillis(command.metadata.occurredAt) < toMillis(campaign.startsAt),
    'campaign.already-started',
    `${campaign.name} started at ${campaign.startsAt}; products can no longer be withdrawn`,
  );
  for (const productId of productIds) {
    ensure(
      isEnrolled(shop, campaignId, productId),
      'campaign.not-joined',
      `product ${productId} does not take part in ${campaign.name}`,
    );
  }
  return [{ type: 'CampaignWithdrawn', data: { shopId: command.shopId, campaignId, productIds } }];
}
