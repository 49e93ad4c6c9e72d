import { assertNever, ensure } from '../shared/domain-error';
import type { ProductCommand, ProductEvent, ProductState, ProductStatus } from './product.types';
import { ensureTransition } from './product-transitions';

export const initialProductState = (): ProductState => ({
  listed: false,
  status: 'NONE',
  title: '',
  price: 0,
  stock: 0,
  reason: null,
});

function moved(state: ProductState, status: ProductStatus, reason: string | null = null): ProductState {
  return { ...state, status, reason };
}

export function evolveProduct(state: ProductState, event: ProductEvent): ProductState {
  switch (event.type) {
    case 'ProductListed': {
      const { title, price, stock } = event.data;
      return { ...state, listed: true, status: 'PENDING_REVIEW', title, price, stock, reason: null };
    }
    case 'ProductApproved':
    case 'ProductReinstated':
    case 'ProductActivated':
      return moved(state, 'ACTIVE');
    case 'ProductIssueFlagged':
      return moved(state, 'ISSUES', event.data.reason);
    case 'ProductIssueResolved':
      return moved(state, 'PENDING_REVIEW');
    case 'ProductSuspended':
      return moved(state, 'SUSPENDED', event.data.reason);
    case 'ProductDeactivated':
      return moved(state, 'INACTIVE');
    case 'StockAdjusted':
      return { ...state, stock: state.stock + event.data.delta };
    case 'StockReserved':
      return { ...state, stock: state.stock - event.data.quantity };
    case 'StockReleased':
      return { ...state, stock: state.stock + event.data.quantity };
    case 'PriceChanged':
      return { ...state, price: event.data.price };
    default:
      return assertNever(event);
  }
}

/** @throws DomainError `product.not-found` unless the product is listed in this shop. */
export function ensureProduct(
  state: ProductState,
  productId: string,
): asserts state is ProductState & {
  status: ProductStatus;
} {
  ensure(state.listed, 'product.not-found', `product ${productId} does not exist in this shop`);
}

export function decideProduct(command: ProductCommand, state: ProductState): ProductEvent[] {
  const { shopId } = command;
  const { productId } = command.payload;
  if (command.type === 'ListProduct') {
    ensure(!state.listed, 'product.already-listed', `product ${productId} is already listed`);
    const { title, price, stock } = command.payload;
    return [{ type: 'ProductListed', data: { shopId, productId, title, price, stock } }];
  }
  ensureProduct(state, productId);
  const on = { shopId, productId };
  switch (command.type) {
    case 'AdjustStock': {
      const { delta } = command.payload;
      const stock = state.stock + delta;
      ensure(
        stock >= 0,
        'stock.insufficient',
        `product ${productId} has ${state.stock} units; cannot remove ${-delta}`,
      );
      return [{ type: 'StockAdjusted', data: { ...on, delta, stock, reason: command.payload.reason ?? null } }];
    }
    case 'ChangePrice':
      return [{ type: 'PriceChanged', data: { ...on, price: command.payload.price, previousPrice: state.price } }];
    case 'ApproveProduct':
      ensureTransition(command.type, state.status, productId);
      return [{ type: 'ProductApproved', data: on }];
    case 'FlagProductIssue':
      ensureTransition(command.type, state.status, productId);
      return [{ type: 'ProductIssueFlagged', data: { ...on, reason: command.payload.reason } }];
    case 'ResolveProductIssue':
      ensureTransition(command.type, state.status, productId);
      return [{ type: 'ProductIssueResolved', data: { ...on, note: command.payload.note ?? null } }];
    case 'SuspendProduct':
      ensureTransition(command.type, state.status, productId);
      return [{ type: 'ProductSuspended', data: { ...on, reason: command.payload.reason } }];
    case 'ReinstateProduct':
      ensureTransition(command.type, state.status, productId);
      return [{ type: 'ProductReinstated', data: { ...on, reason: command.payload.reason } }];
    case 'DeactivateProduct':
      ensureTransition(command.type, state.status, productId);
      return [{ type: 'ProductDeactivated', data: on }];
    case 'ActivateProduct':
      ensureTransition(command.type, state.status, productId);
      return [{ type: 'ProductActivated', data: on }];
    default:
      return assertNever(command);
  }
}
