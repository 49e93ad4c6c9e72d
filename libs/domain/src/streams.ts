import { assertNever } from './shared/domain-error';
import type { Command, DomainEvent } from './messages';

/** Stream names, one helper per aggregate. Ids may not contain `/`. */
export const streams = {
  shop: (shopId: string) => `shop-${shopId}`,
  product: (shopId: string, productId: string) => `product-${shopId}/${productId}`,
  order: (shopId: string, orderId: string) => `order-${shopId}/${orderId}`,
  campaign: (campaignId: string) => `campaign-${campaignId}`,
  liveSession: (shopId: string, sessionId: string) => `live-${shopId}/${sessionId}`,
  visits: (shopId: string) => `visits-${shopId}`,
};

export type StreamCategory = 'shop' | 'product' | 'order' | 'campaign' | 'live' | 'visits';

/** The category of a stream: what comes before its first `-`. */
export function categoryOf(stream: string): StreamCategory {
  const category = stream.slice(0, stream.indexOf('-'));
  if (['shop', 'product', 'order', 'campaign', 'live', 'visits'].includes(category)) return category as StreamCategory;
  throw new Error(`not a seller-center stream: ${stream}`);
}

/** The stream an event belongs to, from the ids it carries. */
export function streamOf(event: DomainEvent): string {
  switch (event.type) {
    case 'ShopRegistered':
    case 'FulfillmentModeSet':
    case 'RefundPolicySet':
    case 'ShippingConfigured':
    case 'ShippingTemplateSaved':
    case 'CampaignJoined':
    case 'CampaignWithdrawn':
      return streams.shop(event.data.shopId);
    case 'ProductListed':
    case 'ProductApproved':
    case 'ProductIssueFlagged':
    case 'ProductIssueResolved':
    case 'ProductSuspended':
    case 'ProductReinstated':
    case 'ProductDeactivated':
    case 'ProductActivated':
    case 'StockAdjusted':
    case 'StockReserved':
    case 'StockReleased':
    case 'PriceChanged':
      return streams.product(event.data.shopId, event.data.productId);
    case 'CampaignCreated':
      return streams.campaign(event.data.campaignId);
    case 'OrderPlaced':
    case 'OrderCancelled':
    case 'OrderShipped':
    case 'OrderDelivered':
    case 'OrderCompleted':
    case 'RefundRequested':
    case 'RefundApproved':
    case 'RefundRejected':
    case 'ReturnReceived':
    case 'RefundIssued':
      return streams.order(event.data.shopId, event.data.orderId);
    case 'VisitRecorded':
      return streams.visits(event.data.shopId);
    case 'LiveSessionStarted':
    case 'LiveSessionEnded':
      return streams.liveSession(event.data.shopId, event.data.sessionId);
    default:
      return assertNever(event);
  }
}

/**
 * The streams a command's decision reads. The handler loads them, and appends on the condition
 * that none of them moved since; streams it writes without reading (stock given back) take any revision.
 */
export function streamsRead(command: Command): string[] {
  if (command.type === 'CreateCampaign') return [streams.campaign(command.payload.campaignId)];
  const { shopId } = command;
  const shop = streams.shop(shopId);
  switch (command.type) {
    case 'RegisterShop':
    case 'SetFulfillmentMode':
    case 'SetRefundPolicy':
    case 'ConfigureShipping':
    case 'SaveShippingTemplate':
    case 'RecordVisit':
      return [shop];
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
      return [shop, streams.product(shopId, command.payload.productId)];
    case 'JoinCampaign':
      return [
        shop,
        streams.campaign(command.payload.campaignId),
        ...unique(command.payload.products.map((p) => streams.product(shopId, p.productId))),
      ];
    case 'WithdrawFromCampaign':
      return [shop, streams.campaign(command.payload.campaignId)];
    case 'PlaceOrder':
      return [
        shop,
        streams.order(shopId, command.payload.orderId),
        ...unique(command.payload.lines.map((l) => streams.product(shopId, l.productId))),
      ];
    case 'CancelOrder':
    case 'ShipOrder':
    case 'ConfirmDelivery':
    case 'CompleteOrder':
    case 'RequestRefund':
    case 'ApproveRefund':
    case 'RejectRefund':
    case 'ReceiveReturn':
    case 'IssueRefund':
      return [shop, streams.order(shopId, command.payload.orderId)];
    case 'StartLiveSession':
    case 'EndLiveSession':
      return [shop, streams.liveSession(shopId, command.payload.sessionId)];
    default:
      return assertNever(command);
  }
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}
