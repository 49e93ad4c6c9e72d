/**
 * Resolves on the event loop's next turn (`setImmediate`), after the timers and I/O already due.
 * A loop over a store whose calls complete synchronously (SQLite) runs on promise continuations
 * alone, which never let the event loop turn: awaiting this between batches lets HTTP, the Kafka
 * consumer's heartbeats and timers in.
 */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
