import type { CampaignCommand, CampaignEvent } from './campaign/campaign.types';
import type { OrderCommand, OrderEvent } from './order/order.types';
import type { ProductCommand, ProductEvent } from './product/product.types';
import type { RefundCommand, RefundEvent } from './refund/refund.types';
import type { ShopCommand, ShopEvent } from './shop/shop.types';
import type { TrafficCommand, TrafficEvent } from './traffic/traffic.types';

/** Every command of the seller center. */
export type Command = ShopCommand | ProductCommand | CampaignCommand | OrderCommand | RefundCommand | TrafficCommand;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

/** Every event of the seller center. The `type` string is the name that travels on the wire. */
export type DomainEvent = ShopEvent | ProductEvent | CampaignEvent | OrderEvent | RefundEvent | TrafficEvent;
export type EventType = DomainEvent['type'];
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;

const commandTypes: Record<CommandType, true> = {
  RegisterShop: true,
  SetFulfillmentMode: true,
  SetRefundPolicy: true,
  ConfigureShipping: true,
  SaveShippingTemplate: true,
  ListProduct: true,
  ApproveProduct: true,
  FlagProductIssue: true,
  ResolveProductIssue: true,
  SuspendProduct: true,
  ReinstateProduct: true,
  DeactivateProduct: true,
  ActivateProduct: true,
  AdjustStock: true,
  ChangePrice: true,
  CreateCampaign: true,
  JoinCampaign: true,
  WithdrawFromCampaign: true,
  PlaceOrder: true,
  CancelOrder: true,
  ShipOrder: true,
  ConfirmDelivery: true,
  CompleteOrder: true,
  RequestRefund: true,
  ApproveRefund: true,
  RejectRefund: true,
  ReceiveReturn: true,
  IssueRefund: true,
  RecordVisit: true,
  StartLiveSession: true,
  EndLiveSession: true,
};
export const COMMAND_TYPES = Object.keys(commandTypes) as CommandType[];

const eventTypes: Record<EventType, true> = {
  ShopRegistered: true,
  FulfillmentModeSet: true,
  RefundPolicySet: true,
  ShippingConfigured: true,
  ShippingTemplateSaved: true,
  ProductListed: true,
  ProductApproved: true,
  ProductIssueFlagged: true,
  ProductIssueResolved: true,
  ProductSuspended: true,
  ProductReinstated: true,
  ProductDeactivated: true,
  ProductActivated: true,
  StockAdjusted: true,
  StockReserved: true,
  StockReleased: true,
  PriceChanged: true,
  CampaignCreated: true,
  CampaignJoined: true,
  CampaignWithdrawn: true,
  OrderPlaced: true,
  OrderCancelled: true,
  OrderShipped: true,
  OrderDelivered: true,
  OrderCompleted: true,
  RefundRequested: true,
  RefundApproved: true,
  RefundRejected: true,
  ReturnReceived: true,
  RefundIssued: true,
  VisitRecorded: true,
  LiveSessionStarted: true,
  LiveSessionEnded: true,
};
export const EVENT_TYPES = Object.keys(eventTypes) as EventType[];

export function isCommandType(type: string): type is CommandType {
  return Object.hasOwn(commandTypes, type);
}
