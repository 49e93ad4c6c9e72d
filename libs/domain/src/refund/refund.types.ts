import type { Cmd, Evt, Role } from '../shared/command';
import type { RefundLine } from '../order/order.types';

export type RefundType = 'REFUND_ONLY' | 'RETURN_AND_REFUND';
export type RefundStatus = 'REQUESTED' | 'APPROVED' | 'REJECTED' | 'RETURN_RECEIVED' | 'REFUNDED';

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
/** A buyer asked for money back; the engine priced the lines at what was paid, shipping excluded. */
export type RefundRequested = Evt<
  'RefundRequested',
  On & { refundType: RefundType; lines: RefundLine[]; amount: number; reason: string }
>;
/** The seller, the platform or (under the auto-approve limit) the system accepted the request. */
export type RefundApproved = Evt<'RefundApproved', On & { approvedBy: Role; automatic: boolean }>;
/** The seller or the platform refused the request. */
export type RefundRejected = Evt<'RefundRejected', On & { reason: string; rejectedBy: Role }>;
/** The returned items came back to the seller; they are restocked. */
export type ReturnReceived = Evt<'ReturnReceived', On & { lines: RefundLine[] }>;
/** The money went back to the buyer. */
export type RefundIssued = Evt<'RefundIssued', On & { amount: number }>;
export type RefundEvent = RefundRequested | RefundApproved | RefundRejected | ReturnReceived | RefundIssued;
