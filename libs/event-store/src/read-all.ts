import type { ReadAllOptions, StoredEvent } from './event-store.port';
import { nextTurn } from './next-turn';

/**
 * The global log in batches, by repeated `readBatch` calls from the last position read. The event
 * loop turns between batches (see `nextTurn`): reading a long log does not hold up the process.
 */
export async function* readAllInBatches(
  readBatch: (after: number, limit: number, filter: ReadAllOptions['filter']) => Promise<StoredEvent[]>,
  { after = 0, batchSize = 5000, filter }: ReadAllOptions = {},
): AsyncIterable<StoredEvent[]> {
  for (let from = after; ;) {
    const batch = await readBatch(from, batchSize, filter);
    if (!batch.length) return;
    yield batch;
    await nextTurn();
    from = batch[batch.length - 1]!.position;
  }
}
