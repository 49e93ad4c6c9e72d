import type { Actor } from './command';

/**
 * An event as a decision emits it. The command's actor caused it, unless `actor` names another:
 * an automation the decision ran by itself (a refund approved at once under the shop's auto-approve
 * limit is the SYSTEM's, though the buyer's request caused the decision). The command path records
 * that actor in the event's metadata; the event's data does not carry it.
 */
export type Emitted<E> = E & { readonly actor?: Actor };

/** `event` as caused by the SYSTEM automation named `automation` (the actor's id), not by the command's actor. */
export function bySystem<E extends object>(event: E, automation: string): E & { readonly actor: Actor } {
  return { ...event, actor: { role: 'SYSTEM', id: automation } };
}
