import { DomainError, ensure } from '../shared/domain-error';
import type { Role } from '../shared/command';
import type { Command } from '../messages';
import { COMMAND_ROLES } from '../registry';

/** Who is sending: an API key's role, and for a SELLER the one shop it is bound to. */
export interface Principal {
  role: Role;
  shopId?: string;
  /** The API key's id: the actor's id for every role but BUYER, which names the buyer it acts for. */
  keyId?: string;
}

/**
 * May `principal` send `command`?
 * @throws DomainError `auth.actor-mismatch`, `auth.platform-only`, `auth.role-not-allowed` or `auth.not-own-shop`.
 */
export function authorize(principal: Principal, command: Command): void {
  const { role: claimed, id } = command.metadata.actor;
  ensure(
    claimed === principal.role,
    'auth.actor-mismatch',
    `metadata.actor.role is ${claimed} but the caller's role is ${principal.role}`,
  );
  if (principal.keyId !== undefined && principal.role !== 'BUYER')
    ensure(
      id === principal.keyId,
      'auth.actor-mismatch',
      `metadata.actor.id is ${id} but the actor is the key itself (${principal.keyId}); only a BUYER key acts for someone`,
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
