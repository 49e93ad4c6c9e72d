import type { EventFilter, EventStore, StoredEvent } from './event-store.port';
import { nextTurn } from './next-turn';

export interface SubscriptionOptions {
  /** Deliver events after this position (exclusive): the subscriber's stored checkpoint. */
  after: number;
  filter?: EventFilter;
  batchSize?: number;
  /** How long to wait for a wake-up before reading again anyway. */
  idleMs?: number;
  /**
   * After a batch shorter than `batchSize`, wait this long before reading again (0: read at once).
   * Under steady load the next read then gathers many appends: a projection commits its documents
   * once for them instead of once per group commit. An idle subscription still wakes at once.
   */
  lingerMs?: number;
}

export interface Subscription {
  /** Position of the last batch the handler finished. */
  readonly position: number;
  /** Settles when the subscription stops: resolves on `stop()`, rejects with the handler's error. */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Catch-up then live: reads the log in batches from `after`, hands each batch to `handler` (one at
 * a time, in order), and once caught up waits for appends. A handler that throws stops it. Between
 * two batches the event loop turns, so a long catch-up never holds up the rest of the process: the
 * work done without a turn is one read and one handler call, bounded by `batchSize`.
 */
export function subscribe(
  store: EventStore,
  options: SubscriptionOptions,
  handler: (batch: StoredEvent[]) => Promise<void> | void,
): Subscription {
  const { filter, batchSize = 1000, idleMs = 1000, lingerMs = 0 } = options;
  let position = options.after;
  let stopped = false;
  let wake: () => void = () => undefined;
  const linger = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, lingerMs);
      wake = () => (clearTimeout(timer), resolve());
    });

  const loop = async () => {
    while (!stopped) {
      const head = await store.headPosition();
      const batch = await store.readBatch(position, batchSize, filter);
      if (stopped) return;
      if (batch.length) {
        await handler(batch);
        position = batch[batch.length - 1]!.position;
        if (lingerMs > 0 && batch.length < batchSize && !stopped) await linger();
        else await nextTurn();
      } else {
        // With a filter the log can move on without a match: wait for what comes after the head.
        await store.waitForAppend(Math.max(head, position), idleMs);
      }
    }
  };
  const done = loop();
  return {
    get position() {
      return position;
    },
    done,
    async stop() {
      stopped = true;
      wake();
      await done.catch(() => undefined);
    },
  };
}
