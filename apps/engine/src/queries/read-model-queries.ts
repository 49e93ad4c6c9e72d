import { LiveSessionsQueryHandler, PerformanceQueryHandler } from './analytics.query';
import { CampaignsQueryHandler } from './campaigns.query';
import { DashboardQueryHandler } from './dashboard.query';
import { OverdueQueryHandler, ToShipQueryHandler } from './deadlines.query';
import { OrderDetailQueryHandler, OrderListQueryHandler, OrderStatsQueryHandler } from './orders.query';
import { ProductsQueryHandler } from './products.query';
import { ReturnsQueryHandler } from './returns.query';
import { ShopQueryHandler } from './shop.query';

/** One query handler per read model's question; the controller sends each its own query. */
export const READ_MODEL_QUERY_HANDLERS = [
  ShopQueryHandler,
  DashboardQueryHandler,
  PerformanceQueryHandler,
  LiveSessionsQueryHandler,
  OrderStatsQueryHandler,
  OrderListQueryHandler,
  OrderDetailQueryHandler,
  ToShipQueryHandler,
  OverdueQueryHandler,
  ReturnsQueryHandler,
  ProductsQueryHandler,
  CampaignsQueryHandler,
];
