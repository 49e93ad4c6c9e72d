import type { DocKey } from '../doc-key';
import { localDate } from '../local-time';
import { projection } from '../projection';

export interface RefundDoc {
  refundId: string;
  orderId: string;
  refundType: string;
  status: string;
  amount: number;
  units: number;
  requestedAt: string;
  requestedDate: string;
  receivedDate: string | null;
  issuedDate: string | null;
  reason: string;
}

export const refundKey = (shopId: string, orderId: string, refundId: string): DocKey => ({
  model: 'refund',
  shopId,
  id: `${orderId}/${refundId}`,
});

const STATUS_AFTER = {
  RefundApproved: 'APPROVED',
  RefundRejected: 'REJECTED',
  ReturnReceived: 'RETURN_RECEIVED',
  RefundIssued: 'REFUNDED',
} as const;

const handles = ['RefundRequested', 'RefundApproved', 'RefundRejected', 'ReturnReceived', 'RefundIssued'] as const;

/** Each refund request of a shop: its amount and units, where it stands, and the local days it moved. */
export const refundProjection = projection<{ refund: RefundDoc }, (typeof handles)[number]>({
  name: 'refunds',
  version: 1,
  handles,
  documents: ({ data: { shopId, orderId, refundId } }) => [{ refund: refundKey(shopId, orderId, refundId) }],
  evolve: ({ refund }, event, shop) => {
    const today = localDate(event.metadata.occurredAt, shop.timeZone);
    if (event.type === 'RefundRequested') {
      const r = event.data;
      return {
        refund: {
          refundId: r.refundId,
          orderId: r.orderId,
          refundType: r.refundType,
          status: 'REQUESTED',
          amount: r.amount,
          units: r.lines.reduce((n, l) => n + l.quantity, 0),
          requestedAt: event.metadata.occurredAt,
          requestedDate: today,
          receivedDate: null,
          issuedDate: null,
          reason: r.reason,
        },
      };
    }
    if (!refund) return {};
    const status = STATUS_AFTER[event.type];
    if (event.type === 'ReturnReceived') return { refund: { ...refund, status, receivedDate: today } };
    if (event.type === 'RefundIssued') return { refund: { ...refund, status, issuedDate: today } };
    return { refund: { ...refund, status } };
  },
});
