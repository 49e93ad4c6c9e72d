import type { CommandRecord } from './event-store.port';

/** Base of the store's errors. `retriable` says whether trying again may succeed. */
export class EventStoreError extends Error {
  readonly retriable: boolean = false;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A stream was not at the expected revision: another writer got there first. Reload and decide again. */
export class ConcurrencyError extends EventStoreError {
  override readonly retriable = true;
  constructor(
    readonly stream: string,
    readonly expected: number | 'any',
    readonly actual: number,
  ) {
    super(`stream ${stream} is at revision ${actual}, expected ${expected}`);
  }
}

/** The command id is already in the ledger; `record` is what was recorded first. */
export class DuplicateCommandError extends EventStoreError {
  constructor(readonly record: CommandRecord) {
    super(`command ${record.commandId} was already handled`);
  }
}

/** The store could not be reached or failed; the cause is attached. */
export class StoreUnavailableError extends EventStoreError {
  override readonly retriable = true;
}
