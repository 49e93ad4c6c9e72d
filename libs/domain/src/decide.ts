import { createCampaign, joinCampaign, withdrawFromCampaign } from './campaign/campaign.decider';
import type { CampaignState } from './campaign/campaign.types';
import type { Command, DomainEvent } from './messages';
import { cancelOrder, completeOrder, confirmDelivery, shipOrder } from './order/order.decider';
import type { OrderState } from './order/order.types';
import { placeOrder } from './order/place-order';
import { decideProduct } from './product/product.decider';
import type { ProductState } from './product/product.types';
import { approveRefund, issueRefund, receiveReturn, rejectRefund, requestRefund } from './refund/refund.decider';
import { assertNever } from './shared/domain-error';
import { decideShop, ensureShop } from './shop/shop.decider';
import type { ShopState } from './shop/shop.types';
import { streams } from './streams';
import { endLiveSession, recordVisit, startLiveSession } from './traffic/traffic.decider';
import type { LiveSessionState } from './traffic/traffic.types';

/** The states a decision may look at: those of the streams `streamsRead(command)` names. */
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

/**
 * Decides a command: the events it causes, or a thrown DomainError. Pure: no clock, no I/O.
 * The events may belong to several streams (`streamOf` tells which); they are appended together.
 */
export function decide(command: Command, view: StateView): DomainEvent[] {
  if (command.type === 'CreateCampaign') return createCampaign(command, view.campaign(command.payload.campaignId));
  const shop = view.shop();
  if (command.type !== 'RegisterShop') ensureShop(shop, command.shopId);
  switch (command.type) {
    case 'RegisterShop':
    case 'SetFulfillmentMode':
    case 'SetRefundPolicy':
    case 'ConfigureShipping':
    case 'SaveShippingTemplate':
      return decideShop(command, shop);
    case 'ListProduct':
    case 'ApproveProduct':
    case 'FlagProductIssue':
    case 'ResolveProductIssue':
    case 'SuspendProduct':
    case 'ReinstateProduct':
    case 'DeactivateProduct':
    case 'ActivateProduct':
    case 'AdjustStock':
    case 'ChangePrice':
      return decideProduct(command, view.product(command.payload.productId));
    case 'JoinCampaign':
      return joinCampaign(command, shop, view.campaign(command.payload.campaignId), view.product);
    case 'WithdrawFromCampaign':
      return withdrawFromCampaign(command, shop, view.campaign(command.payload.campaignId));
    case 'PlaceOrder':
      return placeOrder(command, view.order(command.payload.orderId), shop, view.product);
    case 'CancelOrder':
      return cancelOrder(command, view.order(command.payload.orderId));
    case 'ShipOrder':
      return shipOrder(command, view.order(command.payload.orderId), shop);
    case 'ConfirmDelivery':
      return confirmDelivery(command, view.order(command.payload.orderId));
    case 'CompleteOrder':
      return completeOrder(command, view.order(command.payload.orderId));
    case 'RequestRefund':
      return requestRefund(command, view.order(command.payload.orderId), shop);
    case 'ApproveRefund':
      return approveRefund(command, view.order(command.payload.orderId));
    case 'RejectRefund':
      return rejectRefund(command, view.order(command.payload.orderId));
    case 'ReceiveReturn':
      return receiveReturn(command, view.order(command.payload.orderId));
    case 'IssueRefund':
      return issueRefund(command, view.order(command.payload.orderId));
    case 'RecordVisit':
      return recordVisit(command);
    case 'StartLiveSession':
      return startLiveSession(command, view.liveSession(command.payload.sessionId));
    case 'EndLiveSession':
      return endLiveSession(command, view.liveSession(command.payload.sessionId));
    default:
      return assertNever(command);
  }
}
