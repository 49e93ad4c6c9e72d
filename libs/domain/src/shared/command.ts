/** The roles an API key (and so an actor) can have. */
export const ROLES = ['SELLER', 'PLATFORM', 'BUYER', 'SYSTEM', 'ANALYST'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  role: Role;
  id: string;
}

export interface CommandMetadata {
  actor: Actor;
  /** Business time, ISO-8601 UTC. Rules compare times with this, never with a clock. */
  occurredAt: string;
  correlationId?: string;
  /** The id of the API key that sent the command: who acted, whatever `actor.id` says it acted for. */
  keyId?: string;
  /** The W3C trace context the command came with, when traced; copied to its events' metadata. */
  traceparent?: string;
}

/** A command as the domain sees it: the envelope of DOMAIN.md without its `commandId`. */
export interface Cmd<T extends string, P> {
  type: T;
  shopId: string;
  payload: P;
  metadata: CommandMetadata;
}

/** An event as the domain emits it; the store adds the envelope (id, position, metadata). */
export interface Evt<T extends string, D> {
  type: T;
  data: D;
}
