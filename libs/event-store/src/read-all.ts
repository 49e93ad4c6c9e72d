import type { ReadAllOptions, StoredEvent } from './event-store.port';

/** The global log in batches, by repeated `readBatch` calls from the last position read. */
export async function* readAllInBatches(
  readBatch: (after: number, limit: number, filter: ReadAllOptions['filter']) => Promise<StoredEvent[]>,
  { after = 0, batchSize = 5000, filter }: ReadAllOptions = {},
): AsyncIterable<StoredEvent[]> {
  for (let from = after; ;) {
    const batch = await readBatch(from, batchSize, filter);
    if (!batch.length) return;
    yield batch;
    from = batch[batch.length - 1]!.position;
  }
}
