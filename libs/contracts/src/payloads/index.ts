import type { CommandType } from '@sce/domain';
import { CreateCampaignDto, JoinCampaignDto, WithdrawFromCampaignDto } from './campaign.dto';
import { CancelOrderDto, OrderRefDto, PlaceOrderDto, ShipOrderDto } from './order.dto';
import {
  AdjustStockDto,
  ChangePriceDto,
  ListProductDto,
  ProductReasonDto,
  ProductRefDto,
  ResolveProductIssueDto,
} from './product.dto';
import { RefundRefDto, RejectRefundDto, RequestRefundDto } from './refund.dto';
import {
  ConfigureShippingDto,
  RegisterShopDto,
  SaveShippingTemplateDto,
  SetFulfillmentModeDto,
  SetRefundPolicyDto,
} from './shop.dto';
import { LiveSessionRefDto, RecordVisitDto, StartLiveSessionDto } from './traffic.dto';

/** The payload class-validator checks for each command type. */
export const PAYLOADS: Record<CommandType, new () => object> = {
  RegisterShop: RegisterShopDto,
  SetFulfillmentMode: SetFulfillmentModeDto,
  SetRefundPolicy: SetRefundPolicyDto,
  ConfigureShipping: ConfigureShippingDto,
  SaveShippingTemplate: SaveShippingTemplateDto,
  ListProduct: ListProductDto,
  ApproveProduct: ProductRefDto,
  FlagProductIssue: ProductReasonDto,
  ResolveProductIssue: ResolveProductIssueDto,
  SuspendProduct: ProductReasonDto,
  ReinstateProduct: ProductReasonDto,
  DeactivateProduct: ProductRefDto,
  ActivateProduct: ProductRefDto,
  AdjustStock: AdjustStockDto,
  ChangePrice: ChangePriceDto,
  CreateCampaign: CreateCampaignDto,
  JoinCampaign: JoinCampaignDto,
  WithdrawFromCampaign: WithdrawFromCampaignDto,
  PlaceOrder: PlaceOrderDto,
  CancelOrder: CancelOrderDto,
  ShipOrder: ShipOrderDto,
  ConfirmDelivery: OrderRefDto,
  CompleteOrder: OrderRefDto,
  RequestRefund: RequestRefundDto,
  ApproveRefund: RefundRefDto,
  RejectRefund: RejectRefundDto,
  ReceiveReturn: RefundRefDto,
  IssueRefund: RefundRefDto,
  RecordVisit: RecordVisitDto,
  StartLiveSession: StartLiveSessionDto,
  EndLiveSession: LiveSessionRefDto,
};
