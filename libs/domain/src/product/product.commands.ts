import { fold, type CommandModule, type EventStreams, type StreamFolds } from '../module';
import { inShop } from '../shop/shop.decider';
import { streams } from '../streams';
import { decideProduct, evolveProduct, initialProductState } from './product.decider';
import type { ProductCommand, ProductEvent } from './product.types';

const productReads = ({ shopId, payload }: ProductCommand) => [
  streams.shop(shopId),
  streams.product(shopId, payload.productId),
];
const onProduct = inShop((command: ProductCommand, view) =>
  decideProduct(command, view.product(command.payload.productId)),
);

/** The product's commands: the seller lists and stocks it, the platform reviews and moderates it. */
export const productCommands = {
  ListProduct: {
    roles: ['SELLER'],
    reads: productReads,
    starts: ({ shopId, payload }) => streams.product(shopId, payload.productId),
    decide: onProduct,
  },
  ApproveProduct: { roles: ['PLATFORM'], reads: productReads, decide: onProduct },
  FlagProductIssue: { roles: ['PLATFORM'], reads: productReads, decide: onProduct },
  ResolveProductIssue: { roles: ['SELLER'], reads: productReads, decide: onProduct },
  SuspendProduct: { roles: ['PLATFORM'], reads: productReads, decide: onProduct },
  ReinstateProduct: { roles: ['PLATFORM'], reads: productReads, decide: onProduct },
  DeactivateProduct: { roles: ['SELLER'], reads: productReads, decide: onProduct },
  ActivateProduct: { roles: ['SELLER'], reads: productReads, decide: onProduct },
  AdjustStock: { roles: ['SELLER'], reads: productReads, decide: onProduct },
  ChangePrice: { roles: ['SELLER'], reads: productReads, decide: onProduct },
} satisfies CommandModule<ProductCommand>;

const toProductStream = (event: { data: { shopId: string; productId: string } }) =>
  streams.product(event.data.shopId, event.data.productId);

/** The product's events, stock reserved by orders and given back included, are stored in its stream. */
export const productEvents = {
  ProductListed: toProductStream,
  ProductApproved: toProductStream,
  ProductIssueFlagged: toProductStream,
  ProductIssueResolved: toProductStream,
  ProductSuspended: toProductStream,
  ProductReinstated: toProductStream,
  ProductDeactivated: toProductStream,
  ProductActivated: toProductStream,
  StockAdjusted: toProductStream,
  StockReserved: toProductStream,
  StockReleased: toProductStream,
  PriceChanged: toProductStream,
} satisfies EventStreams<ProductEvent>;

/** A product stream holds its listing, review, price and stock. */
export const productFolds = { product: fold(1, initialProductState, evolveProduct) } satisfies StreamFolds;
