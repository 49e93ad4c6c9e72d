import type { EventType } from '@sce/domain';
import { campaignProjection } from './campaigns/campaign.projection';
import { dashboardDays } from './dashboard/days.projection';
import { dashboardMonths } from './dashboard/months.projection';
import { liveProjection } from './live/live.projection';
import { orderProjection } from './orders/order.projection';
import type { Projection } from './projection';
import { performanceProjection } from './performance/performance.projection';
import { productProjection } from './products/product.projection';
import { refundProjection } from './returns/refund.projection';
import { shopProjection } from './shop/shop.projection';

/** A projection whatever its documents and events: what the runner iterates. */
export type AnyProjection = Projection<Record<string, unknown>, EventType>;

/** The shop's projection, projected ahead of the others: they read the shop as it stood at each event. */
export const SHOP_PROJECTION = shopProjection as AnyProjection;

/** The read models built on the shop's context. Adding one means its folder and its line here. */
export const READ_MODEL_PROJECTIONS = [
  dashboardDays,
  dashboardMonths,
  orderProjection,
  refundProjection,
  productProjection,
  campaignProjection,
  performanceProjection,
  liveProjection,
] as readonly AnyProjection[];

/** Every projection with its version, the shop's first. */
export const PROJECTIONS: readonly AnyProjection[] = [SHOP_PROJECTION, ...READ_MODEL_PROJECTIONS];
