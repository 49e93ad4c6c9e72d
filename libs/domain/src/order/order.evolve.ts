import { evolveRefund } from '../refund/refund.evolve';
import type { CancellationEntry, OrderState, OrderStreamEvent, PackageEntry } from './order.types';

export const initialOrderState = (): OrderState => ({
  placed: false,
  status: 'NONE',
  lines: [],
  itemsTotal: 0,
  placedAt: '',
  returnWindowDays: 0,
  deliveredAt: null,
  packages: [],
  shippedLate: false,
  shipBy: '',
  cancellations: [],
  refunds: [],
});

const answered = (state: OrderState, cancellationId: string, status: CancellationEntry['status']) =>
  state.cancellations.map((c) => (c.cancellationId === cancellationId ? { ...c, status } : c));

/** Orders shipped before packages existed: their one `OrderShipped` was one package of every unit. */
function legacyPackage(state: OrderState, orderId: string): PackageEntry[] {
  if (state.packages.length) return state.packages;
  const lines = state.lines.map(({ productId, quantity }) => ({ productId, quantity }));
  return [{ packageId: `${orderId}/1`, lines, deliveredAt: null }];
}

export function evolveOrder(state: OrderState, event: OrderStreamEvent): OrderState {
  switch (event.type) {
    case 'OrderPlaced': {
      const { lines, itemsTotal, returnWindowDays, placedAt, shipBy } = event.data;
      return {
        ...state,
        placed: true,
        status: 'AWAITING_SHIPMENT',
        lines,
        itemsTotal,
        returnWindowDays,
        placedAt,
        shipBy,
      };
    }
    case 'OrderCancelled': {
      const cancellations = state.cancellations.map((c): CancellationEntry =>
        c.status === 'PENDING' ? { ...c, status: 'ENDED' } : c,
      );
      return { ...state, status: 'CANCELLED', cancellations };
    }
    case 'PackageShipped': {
      const { packageId, lines, late } = event.data;
      const packages = [...state.packages, { packageId, lines, deliveredAt: null }];
      return { ...state, status: 'PARTIALLY_SHIPPED', packages, shippedLate: state.shippedLate || late };
    }
    case 'OrderShipped':
      return { ...state, status: 'SHIPPED', packages: legacyPackage(state, event.data.orderId) };
    case 'PackageDelivered': {
      const { packageId, deliveredAt } = event.data;
      const packages = state.packages.map((p) => (p.packageId === packageId ? { ...p, deliveredAt } : p));
      return { ...state, packages };
    }
    case 'OrderDelivered': {
      const { deliveredAt } = event.data;
      const packages = state.packages.map((p) => ({ ...p, deliveredAt: p.deliveredAt ?? deliveredAt }));
      return { ...state, status: 'DELIVERED', deliveredAt, packages };
    }
    case 'OrderCompleted':
      return { ...state, status: 'COMPLETED' };
    case 'CancellationRequested': {
      const { cancellationId, reason } = event.data;
      return { ...state, cancellations: [...state.cancellations, { cancellationId, reason, status: 'PENDING' }] };
    }
    case 'CancellationApproved':
      return { ...state, cancellations: answered(state, event.data.cancellationId, 'APPROVED') };
    case 'CancellationRejected':
      return { ...state, cancellations: answered(state, event.data.cancellationId, 'REJECTED') };
    default:
      return { ...state, refunds: evolveRefund(state.refunds, event) };
  }
}
