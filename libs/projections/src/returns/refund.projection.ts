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
  /** The seller decides by then, else the system approves; null for requests made before deadlines. */
  respondBy: string | null;
  /** A return approved and not received by then is rejected by the system. */
  returnBy: string | null;
  /** The system pays by then (an approved refund-only, a received return). */
  issueBy: string | null;
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

/**
 * Each refund request of a shop: its amount and units, where it stands, the local days it moved,
 * and its deadlines as the events recorded them (v2: `respondBy`, `returnBy`, `issueBy`).
 */
export const refundProjection = projection<{ refund: RefundDoc }, (typeof handles)[number]>({
  name: 'refunds',
  // 3: stored where its indexes answer counts (ADR 20): an engine upgraded in place builds it again.
  version: 3,
  models: ['refund'],
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
          respondBy: r.respondBy ?? null,
          returnBy: null,
          issueBy: null,
        },
      };
    }
    if (!refund) return {};
    const status = STATUS_AFTER[event.type];
    if (event.type === 'RefundApproved') {
      const { returnBy = null, issueBy = null } = event.data;
      return { refund: { ...refund, status, returnBy, issueBy } };
    }
    if (event.type === 'ReturnReceived') {
      const issueBy = event.data.issueBy ?? null;
      return { refund: { ...refund, status, receivedDate: today, issueBy } };
    }
    if (event.type === 'RefundIssued') return { refund: { ...refund, status, issuedDate: today } };
    return { refund: { ...refund, status } };
  },
});
