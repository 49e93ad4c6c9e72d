import { createWriteStream } from 'node:fs';
import { EVENT_TYPES } from '@sce/domain';
import type { EventStore, StoredEvent } from '@sce/event-store';
import { progressBar } from '../progress';
import { eventColumns, shopOf } from './event-columns';
import type { ExportOptions } from './export-options';
import { csvSink } from './csv-sink';
import { parquetSink } from './parquet-sink';
import { ndjsonSink, type ExportSink } from './sinks';

/** The export's filters the log's own reader cannot apply: they look into each event. */
function kept(options: ExportOptions): (event: StoredEvent) => boolean {
  const { shopId, recordedFrom, recordedTo } = options;
  return (e) =>
    (shopId === undefined || shopOf(e) === shopId) &&
    (recordedFrom === undefined || e.recordedAt >= recordedFrom) &&
    (recordedTo === undefined || e.recordedAt < recordedTo);
}

function sinkFor(options: ExportOptions, out: NodeJS.WritableStream | undefined): ExportSink {
  if (options.format === 'ndjson') return ndjsonSink(out!);
  const columns = eventColumns(options.eventTypes ?? EVENT_TYPES);
  return options.format === 'csv' ? csvSink(out!, columns) : parquetSink(options.out!, columns);
}

/**
 * Streams the log's events that pass the filters into the chosen format, a batch at a time: memory
 * stays flat whatever the size of the history. Returns how many events were written.
 */
export async function exportEvents(events: EventStore, options: ExportOptions): Promise<number> {
  const file = options.out && options.format !== 'parquet' ? createWriteStream(options.out) : undefined;
  const sink = sinkFor(options, file ?? (options.out ? undefined : process.stdout));
  const progress = progressBar('export', await events.headPosition());
  const keep = kept(options);
  const { eventTypes, categories } = options;
  let written = 0;
  try {
    for await (const batch of events.readAll({
      after: options.after,
      batchSize: 5000,
      filter: eventTypes || categories ? { eventTypes, categories } : undefined,
    })) {
      const rows = batch.filter(keep);
      if (rows.length) await sink.write(rows);
      written += rows.length;
      progress.update(batch[batch.length - 1]!.position);
    }
    await sink.close();
  } catch (error) {
    await sink.abort();
    throw error;
  } finally {
    progress.stop();
    if (file) await new Promise<void>((resolve) => file.end(() => resolve()));
  }
  return written;
}
