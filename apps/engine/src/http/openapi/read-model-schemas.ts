import {
  bool,
  counts,
  date,
  instant,
  int,
  list,
  money,
  month,
  nullable,
  num,
  obj,
  oneOf,
  ref,
  str,
  type Schema,
} from './schema-kit';
import {
  cancellationDoc,
  LIFECYCLE_SCHEMAS,
  ORDER_STATUSES,
  orderLifecycleFields,
  packageDoc,
  pendingCancellation,
  ROLES,
} from './lifecycle-schemas';
import { ANALYTICS_SCHEMAS, performance, previousPeriod } from './analytics-schemas';

const REFUND_STATUSES = ['REQUESTED', 'APPROVED', 'REJECTED', 'RETURN_RECEIVED', 'REFUNDED'];
const PRODUCT_STATUSES = ['PENDING_REVIEW', 'ACTIVE', 'ISSUES', 'SUSPENDED', 'INACTIVE'];

const figures = {
  visitors: int,
  buyers: int,
  orders: int,
  itemsSold: int,
  gmv: money,
  refunds: money,
  liveSessions: int,
  conversionRate: { ...nullable(num), description: 'buyers ÷ visitors; null with no visitors' },
  avgOrderValue: { ...nullable(money), description: 'gmv ÷ orders, rounded half up; null with no orders' },
  gmvByChannel: obj({ LIVE: money, VIDEO: money, PRODUCT_CARD: money }),
  cancellations: { ...counts(['BUYER', 'SELLER', 'SYSTEM']), description: 'orders cancelled, by who cancelled' },
};
const campaignOfShop = obj({
  campaignId: str,
  name: str,
  startsAt: instant,
  endsAt: instant,
  joined: bool,
  products: int,
});
const orderCounts = { orders: int, byStatus: counts(ORDER_STATUSES) };
const orderLine = obj({
  productId: str,
  title: str,
  quantity: int,
  unitPrice: money,
  lineTotal: money,
  campaignId: nullable(str),
});
const orderFields = {
  orderId: str,
  status: oneOf(...ORDER_STATUSES),
  buyerId: str,
  channel: oneOf('LIVE', 'VIDEO', 'PRODUCT_CARD'),
  placedAt: instant,
  placedDate: date,
  deliveredAt: nullable(instant),
  deliveredDate: nullable(date),
  itemsTotal: money,
  shippingFee: money,
  total: money,
  currency: str,
  refunded: bool,
  ...orderLifecycleFields,
};
const refundFields = {
  refundId: str,
  orderId: str,
  refundType: oneOf('REFUND_ONLY', 'RETURN_AND_REFUND'),
  status: oneOf(...REFUND_STATUSES),
  amount: money,
  units: int,
  requestedAt: instant,
  requestedDate: date,
  receivedDate: nullable(date),
  issuedDate: nullable(date),
  reason: str,
  respondBy: nullable(instant),
  returnBy: nullable(instant),
  issueBy: nullable(instant),
};
const returnFigures = { requests: int, unitsReturned: int, amountRefunded: money };
const apiKey = {
  id: str,
  name: str,
  role: oneOf(...ROLES),
  shopId: nullable(str),
  createdAt: instant,
  expiresAt: nullable(instant),
  revokedAt: nullable(instant),
  createdBy: nullable(str),
  replaces: nullable(str),
};
const indicator = { type: 'object', required: ['status'], properties: { status: oneOf('up', 'down') } };

/** What each read route answers: the read models' shapes, exactly (no field more or less). */
export const READ_MODEL_SCHEMAS: Record<string, Schema> = {
  Dashboard: obj(
    {
      shopId: str,
      from: date,
      to: date,
      days: list(obj({ date, ...figures })),
      months: list(obj({ month, ...figures })),
      totals: obj(figures),
      performance,
      campaigns: obj({ asOf: instant, ongoing: list(campaignOfShop), upcoming: list(campaignOfShop) }),
      previous: {
        ...previousPeriod(figures),
        description: 'with compare=previous: the period as long just before from, and the performance as of from',
      },
    },
    ['previous'],
  ),
  OrderStats: obj({
    shopId: str,
    from: date,
    to: date,
    ...orderCounts,
    days: list(obj({ date, ...orderCounts })),
    months: list(obj({ month, ...orderCounts })),
  }),
  OrderList: obj({
    shopId: str,
    total: int,
    orders: list(obj({ ...orderFields, units: int, unitsShipped: int })),
    nextCursor: { ...nullable(str), description: 'the cursor of the next page; null on the last' },
  }),
  OrderDetail: obj({
    ...orderFields,
    lines: list(orderLine),
    packages: list(packageDoc),
    cancellations: list(cancellationDoc),
    history: list(obj({ type: str, at: instant, by: oneOf(...ROLES), position: int })),
  }),
  Returns: obj({
    shopId: str,
    from: date,
    to: date,
    asOf: instant,
    byStatus: counts(REFUND_STATUSES),
    pending: list(obj({ ...refundFields, awaiting: oneOf('DECISION', 'REFUND'), overdue: bool })),
    pendingCancellations: list(pendingCancellation),
    totals: obj(returnFigures),
    days: list(obj({ date, ...returnFigures })),
    months: list(obj({ month, ...returnFigures })),
    returnRate: obj({ from: date, to: date, deliveredOrders: int, refundedOrders: int, rate: num }),
  }),
  ...LIFECYCLE_SCHEMAS,
  ...ANALYTICS_SCHEMAS,
  Products: obj({
    shopId: str,
    counts: counts(PRODUCT_STATUSES),
    products: list(
      obj({
        productId: str,
        title: str,
        price: money,
        stock: int,
        status: oneOf(...PRODUCT_STATUSES),
        reason: nullable(str),
      }),
    ),
  }),
  Campaigns: list(
    obj({
      campaignId: str,
      name: str,
      registrationStartsAt: instant,
      registrationEndsAt: instant,
      startsAt: instant,
      endsAt: instant,
      minimumDiscountPercent: int,
      participants: {
        type: 'object',
        additionalProperties: list(obj({ productId: str, campaignPrice: money, reservedStock: int })),
      },
      sales: obj({ orders: int, units: int, gmv: money }),
      state: oneOf('ANNOUNCED', 'REGISTRATION_OPEN', 'UPCOMING', 'ONGOING', 'ENDED'),
    }),
  ),
  ApiKey: obj(apiKey),
  NewApiKey: obj({ key: str, ...apiKey }),
  ApiKeyList: obj({ keys: list(ref('ApiKey')) }),
  WhoAmI: obj({ keyId: str, name: str, role: oneOf(...ROLES), shopId: nullable(str) }),
  Rebuilt: obj({ status: oneOf('rebuilt'), position: int, ms: int }),
  Health: {
    type: 'object',
    required: ['status', 'details'],
    properties: {
      status: oneOf('ok', 'error', 'shutting_down'),
      info: { type: 'object', additionalProperties: indicator },
      error: { type: 'object', additionalProperties: indicator },
      details: { type: 'object', additionalProperties: indicator },
    },
  },
};
