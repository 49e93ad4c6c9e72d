import { assertNever, ensure } from '../shared/domain-error';
import type { CampaignJoined, CampaignWithdrawn } from '../campaign/campaign.types';
import { DEFAULT_HANDLING_DAYS, DEFAULT_SELLER_RESPONSE_HOURS } from '../lifecycle/policies';
import type { StateView } from '../state-view';
import type { ShopCommand, ShopEvent, ShopState } from './shop.types';

export const DEFAULT_REFUND_POLICY = {
  returnWindowDays: 30,
  autoApproveLimit: 0,
  sellerResponseHours: DEFAULT_SELLER_RESPONSE_HOURS,
} as const;

export const initialShopState = (): ShopState => ({
  registered: false,
  name: '',
  timeZone: 'UTC',
  currency: 'USD',
  fulfillmentMode: 'FULFILLED_BY_SELLER',
  refundPolicy: { ...DEFAULT_REFUND_POLICY },
  shipping: { mode: 'SELLER_SHIPPING', carriers: [], handlingDays: DEFAULT_HANDLING_DAYS },
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
      const sellerResponseHours = event.data.sellerResponseHours ?? state.refundPolicy.sellerResponseHours;
      return { ...state, refundPolicy: { returnWindowDays, autoApproveLimit, sellerResponseHours } };
    }
    case 'ShippingConfigured': {
      const { mode, carriers } = event.data;
      const handlingDays = event.data.handlingDays ?? state.shipping.handlingDays;
      return { ...state, shipping: { mode, carriers: [...carriers], handlingDays } };
    }
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

/**
 * A decision that needs the command's shop registered: refuses with `shop.not-found` before any other
 * rule, then decides with the shop's state at hand. Every command of a shop but `RegisterShop` uses it.
 */
export function inShop<C extends { shopId: string }, E>(
  decide: (command: C, view: StateView, shop: ShopState) => E[],
): (command: C, view: StateView) => E[] {
  return (command, view) => {
    const shop = view.shop();
    ensureShop(shop, command.shopId);
    return decide(command, view, shop);
  };
}

/** The shop's own decisions; only `RegisterShop` takes a shop that is not registered yet. */
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
    case 'SetRefundPolicy': {
      const { returnWindowDays, autoApproveLimit } = command.payload;
      const sellerResponseHours = command.payload.sellerResponseHours ?? state.refundPolicy.sellerResponseHours;
      return [{ type: 'RefundPolicySet', data: { shopId, returnWindowDays, autoApproveLimit, sellerResponseHours } }];
    }
    case 'ConfigureShipping': {
      const { mode, carriers } = command.payload;
      const handlingDays = command.payload.handlingDays ?? state.shipping.handlingDays;
      return [{ type: 'ShippingConfigured', data: { shopId, mode, carriers, handlingDays } }];
    }
    case 'SaveShippingTemplate':
      return [{ type: 'ShippingTemplateSaved', data: { shopId, template: command.payload } }];
    default:
      return assertNever(command);
  }
}
