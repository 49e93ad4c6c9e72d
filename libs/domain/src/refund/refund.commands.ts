import type { CommandModule, EventStreams } from '../module';
import { orderReads, toOrderStream } from '../order/order.commands';
import { inShop } from '../shop/shop.decider';
import { approveRefund, issueRefund, receiveReturn, rejectRefund, requestRefund } from './refund.decider';
import type { RefundCommand, RefundEvent } from './refund.types';

/** The refund's commands: the buyer asks, the seller (or platform, or system) answers and pays. A refund lives in its order's stream. */
export const refundCommands = {
  RequestRefund: {
    roles: ['BUYER'],
    reads: orderReads,
    decide: inShop((command, view, shop) => requestRefund(command, view.order(command.payload.orderId), shop)),
  },
  ApproveRefund: {
    roles: ['SELLER', 'PLATFORM', 'SYSTEM'],
    reads: orderReads,
    decide: inShop((command, view, shop) => approveRefund(command, view.order(command.payload.orderId), shop)),
  },
  RejectRefund: {
    roles: ['SELLER', 'PLATFORM', 'SYSTEM'],
    reads: orderReads,
    decide: inShop((command, view) => rejectRefund(command, view.order(command.payload.orderId))),
  },
  ReceiveReturn: {
    roles: ['SELLER'],
    reads: orderReads,
    decide: inShop((command, view, shop) => receiveReturn(command, view.order(command.payload.orderId), shop)),
  },
  IssueRefund: {
    roles: ['SELLER', 'SYSTEM'],
    reads: orderReads,
    decide: inShop((command, view) => issueRefund(command, view.order(command.payload.orderId))),
  },
} satisfies CommandModule<RefundCommand>;

/** A refund's events are stored in its order's stream, which the order fold reads them from. */
export const refundEvents = {
  RefundRequested: toOrderStream,
  RefundApproved: toOrderStream,
  RefundRejected: toOrderStream,
  ReturnReceived: toOrderStream,
  RefundIssued: toOrderStream,
} satisfies EventStreams<RefundEvent>;
