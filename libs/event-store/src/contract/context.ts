import type { EventStore } from '../event-store.port';

/** Opens a fresh, empty store for one test, and a way to reopen the same store after closing it. */
export interface StoreFactory {
  open(): Promise<{ store: EventStore; reopen(): Promise<EventStore>; cleanup(): Promise<void> }>;
}

/** What each part of the contract works on: the store of the current test. */
export interface ContractContext {
  store: EventStore;
  reopen(): Promise<EventStore>;
  cleanup(): Promise<void>;
}

export interface ContractOptions {
  /** KurrentDB: all events of one append share the commit position, so positions only never decrease. */
  sharedCommitPositions?: boolean;
}
