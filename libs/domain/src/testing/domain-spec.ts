import { specFor } from '@sce/testing';
import { authorize, type Principal } from '../access/access';
import { decideOn } from '../decide-on';
import type { Command, DomainEvent } from '../messages';

/** A command sent by someone other than the default principal its actor implies. */
export interface Sent {
  command: Command;
  principal: Principal;
}

export function sentBy(principal: Principal, command: Command): Sent {
  return { command, principal };
}

/** The principal a command's own actor stands for: a seller is bound to the command's shop. */
function principalOf(command: Command): Principal {
  const role = command.metadata.actor.role;
  return role === 'SELLER' ? { role, shopId: command.shopId } : { role };
}

/** given/when/then over the whole domain: authorize, fold the streams read, decide. */
export const spec = specFor<DomainEvent, Command | Sent>((history, input) => {
  const { command, principal } = 'principal' in input ? input : { command: input, principal: principalOf(input) };
  authorize(principal, command);
  return decideOn(history, command);
});
