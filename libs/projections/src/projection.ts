import type { EventOf, EventType } from '@sce/domain';
import type { StoredEvent } from '@sce/event-store';
import type { DocKey, Model } from './doc-key';

/** A stored event whose type a projection handles, its data typed by that type. */
export type Projected<T extends EventType = EventType> = T extends EventType
  ? Omit<StoredEvent, 'type' | 'data'> & { type: T; data: EventOf<T>['data'] }
  : never;

/** What every projection knows of an event's shop: the shop projection's document as it stood then. */
export interface ShopContext {
  shopId: string;
  /** IANA zone of the shop's daily buckets; UTC for an event of no registered shop. */
  timeZone: string;
}

/** The keys of the documents one evolve looks at, by name; a name left out is not touched. */
export type DocKeys<D> = { readonly [K in keyof D]?: DocKey };
/** Those documents as stored (undefined: none yet). */
export type Found<D> = { readonly [K in keyof D]?: D[K] };

/**
 * One read model: the events it handles, the documents each touches (by name) and how they evolve.
 * Pure, like a decider: no clock, no I/O. A projection owns its documents' models; it reads no other
 * projection's documents but the shop's context, which the runner hands it.
 */
export interface Projection<D = object, T extends EventType = EventType> {
  readonly name: string;
  /** Bump on any change of shape or meaning: the read model is then rebuilt. */
  readonly version: number;
  /**
   * The document models it writes. Projections sharing a model (the dashboard's days and months
   * share the visitors seen) are rebuilt together: a model lives in one generation at a time.
   */
  readonly models: readonly Model[];
  readonly handles: readonly T[];
  canHandle(type: string): type is T;
  /**
   * The documents `event` touches: one set by name per evolve. An event touching several documents
   * of one kind (an order's campaigns) gives one set for each.
   */
  documents(event: Projected<T>, shop: ShopContext): DocKeys<D>[];
  /** Total over `handles`: the documents that change, by the names `documents` gave. */
  evolve(docs: Found<D>, event: Projected<T>, shop: ShopContext): Partial<D>;
}

/** A projection from its parts; `canHandle` comes from `handles`. */
export function projection<D, const T extends EventType>(spec: Omit<Projection<D, T>, 'canHandle'>): Projection<D, T> {
  const handled = new Set<string>(spec.handles);
  return { ...spec, canHandle: (type: string): type is T => handled.has(type) };
}
