import { localDate } from '../local-time';
import type { CancellationDoc, OrderDoc, OrderProjected, PackageDoc } from './order.doc';

const answer = (order: OrderDoc, cancellationId: string, change: Partial<CancellationDoc>): OrderDoc => ({
  ...order,
  cancellations: order.cancellations.map((c) => (c.cancellationId === cancellationId ? { ...c, ...change } : c)),
});

/** An order shipped before packages existed: its one `OrderShipped` was one package of every unit. */
function legacyPackage(order: OrderDoc, event: OrderProjected & { type: 'OrderShipped' }): PackageDoc[] {
  if (order.packages.length) return order.packages;
  const { carrier, trackingNumber } = event.data;
  const lines = order.lines.map(({ productId, quantity }) => ({ productId, quantity }));
  const packageId = `${order.orderId}/1`;
  const shippedAt = event.metadata.occurredAt;
  return [
    { packageId, lines, carrier, trackingNumber, shippedAt, late: false, autoConfirmAt: null, deliveredAt: null },
  ];
}

/** How an order placed already moves: shipping, delivery, cancellation requests, the end, its refunds. */
export function lifecycleEvolve(order: OrderDoc, event: OrderProjected, timeZone: string): OrderDoc {
  const at = event.metadata.occurredAt;
  switch (event.type) {
    case 'PackageShipped': {
      const { packageId, lines, carrier, trackingNumber, shippedAt, late, autoConfirmAt } = event.data;
      const parcel: PackageDoc = {
        packageId,
        lines: lines.map(({ productId, quantity }) => ({ productId, quantity })),
        carrier,
        trackingNumber,
        shippedAt,
        late,
        autoConfirmAt,
        deliveredAt: null,
      };
      const packages = [...order.packages, parcel];
      return { ...order, status: 'PARTIALLY_SHIPPED', packages, shippedLate: order.shippedLate || late };
    }
    case 'OrderShipped': {
      const shippedLate = order.shippedLate || (event.data.shippedLate ?? false);
      return { ...order, status: 'SHIPPED', packages: legacyPackage(order, event), shippedLate };
    }
    case 'PackageDelivered': {
      const { packageId, deliveredAt } = event.data;
      const packages = order.packages.map((p) => (p.packageId === packageId ? { ...p, deliveredAt } : p));
      return { ...order, packages };
    }
    case 'OrderDelivered': {
      const { deliveredAt, completeAt } = event.data;
      const packages = order.packages.map((p) => ({ ...p, deliveredAt: p.deliveredAt ?? deliveredAt }));
      const deliveredDate = localDate(deliveredAt, timeZone);
      return { ...order, status: 'DELIVERED', deliveredAt, deliveredDate, completeAt: completeAt ?? null, packages };
    }
    case 'OrderCompleted':
      return { ...order, status: 'COMPLETED' };
    case 'OrderCancelled': {
      const { cancelledBy, reason } = event.data;
      // A request still pending is not answered: the order ended otherwise.
      const cancellations = order.cancellations.map((c) =>
        c.status === 'PENDING' ? { ...c, status: 'ENDED' as const } : c,
      );
      return { ...order, status: 'CANCELLED', cancelled: { at, by: cancelledBy, reason }, cancellations };
    }
    case 'CancellationRequested': {
      const { cancellationId, reason, requestedAt, respondBy } = event.data;
      const request: CancellationDoc = {
        cancellationId,
        reason,
        requestedAt,
        respondBy,
        status: 'PENDING',
        answeredAt: null,
        answeredBy: null,
        automatic: false,
        rejectReason: null,
      };
      return { ...order, cancellations: [...order.cancellations, request] };
    }
    case 'CancellationApproved': {
      const { cancellationId, approvedBy, automatic } = event.data;
      return answer(order, cancellationId, { status: 'APPROVED', answeredAt: at, answeredBy: approvedBy, automatic });
    }
    case 'CancellationRejected': {
      const { cancellationId, rejectedBy, reason } = event.data;
      return answer(order, cancellationId, {
        status: 'REJECTED',
        answeredAt: at,
        answeredBy: rejectedBy,
        rejectReason: reason,
      });
    }
    case 'RefundIssued':
      return { ...order, refunded: true };
    default:
      // The refund's other steps are in the history only.
      return order;
  }
}
