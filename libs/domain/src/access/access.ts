import { DomainError, ensure } from '../shared/domain-error';
import type { Role } from '../shared/command';
import type { Command, CommandType } from '../messages';

/** Who may send each command. The key's role is the actor. */
export const COMMAND_ROLES: Record<CommandType, readonly Role[]> = {
  RegisterShop: ['PLATFORM'],
  SetFulfillmentMode: ['SELLER'],
  SetRefundPolicy: ['SELLER'],
  ConfigureShipping: ['SELLER'],
  SaveShippingTemplate: ['SELLER'],
  ListProduct: ['SELLER'],
  ApproveProduct: ['PLATFORM'],
  FlagProductIssue: ['PLATFORM'],
  ResolveProductIssue: ['SELLER'],
  SuspendProduct: ['PLATFORM'],
  ReinstateProduct: ['PLATFORM'],
  DeactivateProduct: ['SELLER'],
  ActivateProduct: ['SELLER'],
  AdjustStock: ['SELLER'],
  ChangePrice: ['SELLER'],
  CreateCampaign: ['PLATFORM'],
  JoinCampaign: ['SELLER'],
  WithdrawFromCampaign: ['SELLER'],
  PlaceOrder: ['BUYER'],
  CancelOrder: ['BUYER', 'SELLER', 'SYSTEM'],
  ShipOrder: ['SELLER', 'PLATFORM'],
  ConfirmDelivery: ['SYSTEM'],
  CompleteOrder: ['SYSTEM'],
  RequestRefund: ['BUYER'],
  ApproveRefund: ['SELLER', 'PLATFORM', 'SYSTEM'],
  RejectRefund: ['SELLER', 'PLATFORM'],
  ReceiveReturn: ['SELLER'],
  IssueRefund: ['SELLER', 'SYSTEM'],
  RecordVisit: ['SYSTEM'],
  StartLiveSession: ['SELLER'],
  EndLiveSession: ['SELLER'],
};

/** Who is sending: an API key's role, and for a SELLER the one shop it is bound to. */
export interface Principal {
  role: Role;
  shopId?: string;
}

/**
 * May `principal` send `command`?
 * @throws DomainError `auth.actor-mismatch`, `auth.platform-only`, `auth.role-not-allowed` or `auth.not-own-shop`.
 */
export function authorize(principal: Principal, command: Command): void {
  const claimed = command.metadata.actor.role;
  ensure(
    claimed === principal.role,
    'auth.actor-mismatch',
    `metadata.actor.role is ${claimed} but the caller's role is ${principal.role}`,
  );
  const allowed = COMMAND_ROLES[command.type];
  if (!allowed.includes(principal.role)) {
    if (allowed.length === 1 && allowed[0] === 'PLATFORM') {
      throw new DomainError(
        'auth.platform-only',
        `${command.type} is the platform's; a ${principal.role} cannot send it`,
      );
    }
    throw new DomainError(
      'auth.role-not-allowed',
      `${command.type} may be sent by ${allowed.join(' or ')}, not ${principal.role}`,
    );
  }
  if (principal.role === 'SELLER') {
    ensure(
      command.shopId === principal.shopId,
      'auth.not-own-shop',
      `this seller acts only on shop ${principal.shopId}, not ${command.shopId}`,
    );
  }
}
