import { fold, type CommandModule, type EventStreams, type StreamFolds } from '../module';
import { inShop } from '../shop/shop.decider';
import { streams } from '../streams';
import { approveCancellation, cancelOrder, rejectCancellation, requestCancellation } from './cancellation';
import { completeOrder } from './order.decider';
import { evolveOrder, initialOrderState } from './order.evolve';
import type { OrderCommand, OrderEvent } from './order.types';
import { confirmDelivery, shipOrder, shipPackage } from './packages';
import { placeOrder } from './place-order';

/** What a command on an existing order reads: its shop and the order (its refunds included). */
export const orderReads = ({ shopId, payload }: { shopId: string; payload: { orderId: string } }) => [
  streams.shop(shopId),
  streams.order(shopId, payload.orderId),
];

/**
 * The order's commands: the buyer places it (and may ask to cancel it), the fulfiller ships its
 * packages, the system delivers and completes it.
 */
export const orderCommands = {
  PlaceOrder: {
    roles: ['BUYER'],
    reads: (command) => [
      ...orderReads(command),
      ...new Set(command.payload.lines.map((l) => streams.product(command.shopId, l.productId))),
    ],
    starts: ({ shopId, payload }) => streams.order(shopId, payload.orderId),
    decide: inShop((command, view, shop) =>
      placeOrder(command, view.order(command.payload.orderId), shop, view.product),
    ),
  },
  CancelOrder: {
    roles: ['BUYER', 'SELLER', 'SYSTEM'],
    reads: orderReads,
    decide: inShop((command, view) => cancelOrder(command, view.order(command.payload.orderId))),
  },
  ShipOrder: {
    roles: ['SELLER', 'PLATFORM'],
    reads: orderReads,
    decide: inShop((command, view, shop) => shipOrder(command, view.order(command.payload.orderId), shop)),
  },
  ShipPackage: {
    roles: ['SELLER', 'PLATFORM'],
    reads: orderReads,
    decide: inShop((command, view, shop) => shipPackage(command, view.order(command.payload.orderId), shop)),
  },
  ConfirmDelivery: {
    roles: ['SYSTEM'],
    reads: orderReads,
    decide: inShop((command, view) => confirmDelivery(command, view.order(command.payload.orderId))),
  },
  CompleteOrder: {
    roles: ['SYSTEM'],
    reads: orderReads,
    decide: inShop((command, view) => completeOrder(command, view.order(command.payload.orderId))),
  },
  RequestCancellation: {
    roles: ['BUYER'],
    reads: orderReads,
    decide: inShop((command, view) => requestCancellation(command, view.order(command.payload.orderId))),
  },
  ApproveCancellation: {
    roles: ['SELLER', 'SYSTEM'],
    reads: orderReads,
    decide: inShop((command, view) => approveCancellation(command, view.order(command.payload.orderId))),
  },
  RejectCancellation: {
    roles: ['SELLER'],
    reads: orderReads,
    decide: inShop((command, view) => rejectCancellation(command, view.order(command.payload.orderId))),
  },
} satisfies CommandModule<OrderCommand>;

/** The stream of the order an event names. */
export const toOrderStream = (event: { data: { shopId: string; orderId: string } }) =>
  streams.order(event.data.shopId, event.data.orderId);

/** The order's events are stored in its stream (its refunds' too, see refund.commands). */
export const orderEvents = {
  OrderPlaced: toOrderStream,
  OrderCancelled: toOrderStream,
  OrderShipped: toOrderStream,
  OrderDelivered: toOrderStream,
  OrderCompleted: toOrderStream,
  PackageShipped: toOrderStream,
  PackageDelivered: toOrderStream,
  CancellationRequested: toOrderStream,
  CancellationApproved: toOrderStream,
  CancellationRejected: toOrderStream,
} satisfies EventStreams<OrderEvent>;

/** An order stream holds the order's events and its refunds'. */
export const orderFolds = { order: fold(1, initialOrderState, evolveOrder) } satisfies StreamFolds;
