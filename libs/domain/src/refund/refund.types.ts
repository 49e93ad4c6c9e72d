import type { Cmd, Evt, Role } from '../shared/command';

export type RefundType = 'REFUND_ONLY' | 'RETURN_AND_REFUND';
export type RefundStatus = 'REQUESTED' | 'APPROVED' | 'REJECTED' | 'RETURN_RECEIVED' | 'REFUNDED';

/** A refunded line: units of one product at the price paid for them. */
export interface RefundLine {
  productId: string;
  quantity: number;
  unitPrice: number;
  amount: number;
}

/** One refund of an order, as the order's state keeps it. */
export interface RefundEntry {
  refundId: string;
  refundType: RefundType;
  status: RefundStatus;
  lines: RefundLine[];
  amount: number;
}

type Ref = { orderId: string; refundId: string };
export type RequestRefund = Cmd<
  'RequestRefund',
  Ref & { refundType: RefundType; lines: { productId: string; quantity: number }[]; reason: string }
>;
export type ApproveRefund = Cmd<'ApproveRefund', Ref>;
export type RejectRefund = Cmd<'RejectRefund', Ref & { reason: string }>;
export type ReceiveReturn = Cmd<'ReceiveReturn', Ref>;
export type IssueRefund = Cmd<'IssueRefund', Ref>;
export type RefundCommand = RequestRefund | ApproveRefund | RejectRefund | ReceiveReturn | IssueRefund;

type On = { shopId: string; orderId: string; refundId: string };
/**
 * A buyer asked for money back; the engine priced the lines at what was paid, shipping excluded.
 * `respondBy`: the system approves unless the seller answers first (absent before deadlines existed).
 */
export type RefundRequested = Evt<
  'RefundRequested',
  On & { refundType: RefundType; lines: RefundLine[]; amount: number; reason: string; respondBy?: string }
>;
/**
 * The seller, the platform or the system (under the auto-approve limit, or at `respondBy`) accepted
 * the request. A refund-only is paid by the system at `issueBy`; a return not received by `returnBy`
 * is rejected by it.
 */
export type RefundApproved = Evt<
  'RefundApproved',
  On & { approvedBy: Role; automatic: boolean; issueBy?: string; returnBy?: string }
>;
/** The seller or the platform refused the request, or the system a return never sent back. */
export type RefundRejected = Evt<'RefundRejected', On & { reason: string; rejectedBy: Role }>;
/** The returned items came back to the seller; they are restocked. The system pays at `issueBy`. */
export type ReturnReceived = Evt<'ReturnReceived', On & { lines: RefundLine[]; issueBy?: string }>;
/** The money went back to the buyer. */
export type RefundIssued = Evt<'RefundIssued', On & { amount: number }>;
export type RefundEvent = RefundRequested | RefundApproved | RefundRejected | ReturnReceived | RefundIssued;
