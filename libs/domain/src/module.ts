import type { DomainEvent } from './messages';
import type { Role } from './shared/command';
import type { Emitted } from './shared/emitted';
import type { StateView } from './state-view';
import type { StreamCategory } from './streams';

/** One command as its aggregate's folder declares it: who may send it, what it reads, and its decision. */
export interface CommandEntry<C> {
  /** The roles that may send it. An API key's role is the actor. */
  readonly roles: readonly Role[];
  /**
   * The streams the decision reads. The handler loads them, and appends on the condition that none
   * of them moved since; streams it writes without reading (stock given back) take any revision.
   */
  readonly reads: (command: C) => string[];
  /**
   * Of `reads`, the stream the command starts, which should not exist yet (a new order, a new
   * product). The handler decides on it as empty without reading it first: the append's condition
   * (the stream does not exist) checks the guess, and a conflict or a rejection reads it after all.
   */
  readonly starts?: (command: C) => string;
  /**
   * The decision: the events the command causes (they may belong to several streams, appended
   * together, and name their own actor when an automation caused them), or a thrown DomainError.
   * Pure: no clock, no I/O; it looks only at the streams `reads` names.
   */
  readonly decide: (command: C, view: StateView) => Emitted<DomainEvent>[];
}

/** An aggregate's command module: one entry for every command type of `C`; the compiler refuses one missing. */
export type CommandModule<C extends { type: string }> = {
  readonly [T in C['type']]: CommandEntry<Extract<C, { type: T }>>;
};

/** Where each event of `E` is stored: for every event type, its stream's name from the ids the event carries. */
export type EventStreams<E extends { type: string }> = {
  readonly [T in E['type']]: (event: Extract<E, { type: T }>) => string;
};

/** How the state of one stream starts and grows. */
export interface StreamFold<S = unknown> {
  /**
   * The version of this fold's output. Bump it on any change to what `evolve` returns for the same
   * events (a new field, another meaning): stored snapshots of another version are then ignored and
   * the stream is folded from its first event. `fold-corpus.spec.ts` fails when the output changes
   * without a bump.
   */
  readonly version: number;
  initialState(): S;
  evolve(state: S, event: DomainEvent): S;
}

/** The folds an aggregate's folder contributes, by the category of the streams they fold. */
export type StreamFolds = Partial<Record<StreamCategory, StreamFold>>;

/**
 * A fold from a decider's own initial state and evolve. `evolve` is only ever given the events of
 * its streams (those {@link EventStreams} sends there), which is what the narrowing below relies on.
 */
export function fold<S, E extends DomainEvent>(
  version: number,
  initialState: () => S,
  evolve: (state: S, event: E) => S,
): StreamFold {
  return { version, initialState, evolve: (state, event) => evolve(state as S, event as E) };
}
