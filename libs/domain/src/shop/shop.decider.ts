import { assertNever, ensure } from '../shared/domain-error';
import type { CampaignJoined, CampaignWithdrawn } from '../campaign/campaign.types';
import type { ShopCommand, ShopEvent, ShopState } from './shop.types';

export const DEFAULT_REFUND_POLICY = { returnWindowDays: 30, autoApproveLimit: 0 } as const;

export const initialShopState = (): ShopState => ({
  registered: false,
  name: '',
  timeZone: 'UTC',
  currency: 'USD',
  fulfillmentMode: 'FULFILLED_BY_SELLER',
  refundPolicy: { ...DEFAULT_REFUND_POLICY },
  shipping: { mode: 'SELLER_SHIPPING', carriers: [] },
  template: null,
  enrollments: [],
});

/** The shop stream's events: its settings and its campaign enrollments. */
export type ShopStreamEvent = ShopEvent | CampaignJoined | CampaignWithdrawn;

export function evolveShop(state: ShopState, event: ShopStreamEvent): ShopState {
  switch (event.type) {
    case 'ShopRegistered': {
      const { name, timeZone, currency } = event.data;
      return { ...state, registered: true, name, timeZone, currency };
    }
    case 'FulfillmentModeSet':
      return { ...state, fulfillmentMode: event.data.mode };
    case 'RefundPolicySet': {
      const { returnWindowDays, autoApproveLimit } = event.data;
      return { ...state, refundPolicy: { returnWindowDays, autoApproveLimit } };
    }
    case 'ShippingConfigured':
      return { ...state, shipping: { mode: event.data.mode, carriers: [...event.data.carriers] } };
    case 'ShippingTemplateSaved':
      return { ...state, template: event.data.template };
    case 'CampaignJoined': {
      const { campaignId, startsAt, endsAt } = event.data;
      const joined = event.data.products.map((p) => ({ campaignId, startsAt, endsAt, ...p }));
      return { ...state, enrollments: [...state.enrollments, ...joined] };
    }
    case 'CampaignWithdrawn': {
      const { campaignId, productIds } = event.data;
      const left = (e: { campaignId: string; productId: string }) =>
        e.campaignId === campaignId && productIds.includes(e.productId);
      return { ...state, enrollments: state.enrollments.filter((e) => !left(e)) };
    }
    default:
      return assertNever(event);
  }
}

/** @throws DomainError `shop.not-found` unless the shop is registered. */
export function ensureShop(state: ShopState, shopId: string): void {
  ensure(state.registered, 'shop.not-found', `shop ${shopId} is not registered`);
}

export function decideShop(command: ShopCommand, state: ShopState): ShopEvent[] {
  const shopId = command.shopId;
  if (command.type === 'RegisterShop') {
    ensure(!state.registered, 'shop.already-registered', `shop ${shopId} is already registered`);
    return [{ type: 'ShopRegistered', data: { shopId, ...command.payload } }];
  }
  ensureShop(state, shopId);
  switch (command.type) {
    case 'SetFulfillmentMode':
      return [{ type: 'FulfillmentModeSet', data: { shopId, mode: command.payload.mode } }];
    case 'SetRefundPolicy':
      return [{ type: 'RefundPolicySet', data: { shopId, ...command.payload } }];
    case 'ConfigureShipping':
      return [{ type: 'ShippingConfigured', data: { shopId, ...command.payload } }];
    case 'SaveShippingTemplate':
      return [{ type: 'ShippingTemplateSaved', data: { shopId, template: command.payload } }];
    default:
      return assertNever(command);
  }
}
