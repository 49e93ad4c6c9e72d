import type { Cmd, Evt } from '../shared/command';

export type FulfillmentMode = 'FULFILLED_BY_SELLER' | 'FULFILLED_BY_PLATFORM';
export type ShippingMode = 'SELLER_SHIPPING' | 'PLATFORM_SHIPPING';

export interface ShippingZone {
  name: string;
  /** `US` covers the whole country, `US-CA` one region. */
  regions: string[];
  fee: number;
}

export interface ShippingTemplate {
  zones: ShippingZone[];
  excludedRegions: string[];
  /** Item total (minor units) at or above which shipping is free; null for never. */
  freeShippingThreshold: number | null;
  /** Whole percent taken off every zone fee. */
  shippingDiscountPercent: number;
}

export interface RefundPolicy {
  returnWindowDays: number;
  /** Requests at or below this amount (minor units) are approved at once; 0 turns it off. */
  autoApproveLimit: number;
  /** Hours the seller has to answer a refund request, or to pay an approved one, before the system does. */
  sellerResponseHours: number;
}

export interface CampaignEnrollment {
  campaignId: string;
  productId: string;
  campaignPrice: number;
  reservedStock: number;
  startsAt: string;
  endsAt: string;
}

export interface ShopState {
  registered: boolean;
  name: string;
  timeZone: string;
  currency: string;
  fulfillmentMode: FulfillmentMode;
  refundPolicy: RefundPolicy;
  shipping: { mode: ShippingMode; carriers: string[]; handlingDays: number };
  template: ShippingTemplate | null;
  /** Active campaign enrollments (withdrawn ones removed). Kept here: every order prices from them. */
  enrollments: CampaignEnrollment[];
}

export type RegisterShop = Cmd<'RegisterShop', { name: string; sellerId: string; timeZone: string; currency: string }>;
export type SetFulfillmentMode = Cmd<'SetFulfillmentMode', { mode: FulfillmentMode }>;
/** A policy field left out keeps its previous value. */
export type SetRefundPolicy = Cmd<
  'SetRefundPolicy',
  { returnWindowDays: number; autoApproveLimit: number; sellerResponseHours?: number }
>;
export type ConfigureShipping = Cmd<
  'ConfigureShipping',
  { mode: ShippingMode; carriers: string[]; handlingDays?: number }
>;
export type SaveShippingTemplate = Cmd<'SaveShippingTemplate', ShippingTemplate>;
export type ShopCommand =
  RegisterShop | SetFulfillmentMode | SetRefundPolicy | ConfigureShipping | SaveShippingTemplate;

/** A platform operator opened a shop for a seller. */
export type ShopRegistered = Evt<
  'ShopRegistered',
  { shopId: string; name: string; sellerId: string; timeZone: string; currency: string }
>;
/** The seller chose who fulfils its orders. */
export type FulfillmentModeSet = Evt<'FulfillmentModeSet', { shopId: string; mode: FulfillmentMode }>;
/**
 * The seller changed its refund policy. `sellerResponseHours` is the value in force from now on
 * (absent from events recorded before it existed: the previous value stays).
 */
export type RefundPolicySet = Evt<
  'RefundPolicySet',
  { shopId: string; returnWindowDays: number; autoApproveLimit: number; sellerResponseHours?: number }
>;
/**
 * The seller chose seller shipping (with carriers) or platform shipping. `handlingDays` is the
 * value in force from now on (absent from events recorded before it existed: the previous value stays).
 */
export type ShippingConfigured = Evt<
  'ShippingConfigured',
  { shopId: string; mode: ShippingMode; carriers: string[]; handlingDays?: number }
>;
/** The seller replaced its shipping template. */
export type ShippingTemplateSaved = Evt<'ShippingTemplateSaved', { shopId: string; template: ShippingTemplate }>;
export type ShopEvent =
  ShopRegistered | FulfillmentModeSet | RefundPolicySet | ShippingConfigured | ShippingTemplateSaved;
