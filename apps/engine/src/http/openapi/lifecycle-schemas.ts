import { bool, date, instant, int, list, money, nullable, obj, oneOf, str, type Schema } from './schema-kit';

export const ORDER_STATUSES = [
  'AWAITING_SHIPMENT',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
  'DELIVERED',
  'COMPLETED',
  'CANCELLED',
];
export const ROLES = ['SELLER', 'PLATFORM', 'BUYER', 'SYSTEM', 'ANALYST'];

const units = { productId: str, quantity: int };

/** An order's deadlines and the end it came to, as the order list and detail give them. */
export const orderLifecycleFields: Record<string, Schema> = {
  shipBy: nullable(instant),
  autoCancelAt: nullable(instant),
  shippedLate: bool,
  completeAt: nullable(instant),
  cancelled: nullable(obj({ at: instant, by: oneOf(...ROLES), reason: str })),
};

export const packageDoc = obj({
  packageId: str,
  lines: list(obj(units)),
  carrier: str,
  trackingNumber: str,
  shippedAt: instant,
  late: bool,
  autoConfirmAt: nullable(instant),
  deliveredAt: nullable(instant),
});

export const cancellationDoc = obj({
  cancellationId: str,
  reason: str,
  requestedAt: instant,
  respondBy: instant,
  status: oneOf('PENDING', 'APPROVED', 'REJECTED', 'ENDED'),
  answeredAt: nullable(instant),
  answeredBy: nullable(oneOf(...ROLES)),
  automatic: bool,
  rejectReason: nullable(str),
});

export const pendingCancellation = obj({
  orderId: str,
  cancellationId: str,
  reason: str,
  requestedAt: instant,
  respondBy: instant,
  overdue: bool,
});

/** The answers of the deadline routes: the queue to ship, and what is overdue. */
export const LIFECYCLE_SCHEMAS: Record<string, Schema> = {
  ToShip: obj({
    shopId: str,
    asOf: instant,
    total: int,
    overdue: int,
    orders: list(
      obj({
        orderId: str,
        status: oneOf('AWAITING_SHIPMENT', 'PARTIALLY_SHIPPED'),
        buyerId: str,
        placedAt: instant,
        placedDate: date,
        total: money,
        currency: str,
        units: int,
        unitsShipped: int,
        shipBy: nullable(instant),
        autoCancelAt: nullable(instant),
        overdue: bool,
        pendingCancellation: nullable(obj({ cancellationId: str, respondBy: instant })),
      }),
    ),
  }),
  Overdue: obj({
    shopId: str,
    asOf: instant,
    toShip: int,
    cancellationRequests: int,
    refundRequests: int,
    total: int,
  }),
};
