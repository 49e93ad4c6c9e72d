import type { StoredEvent } from '@sce/event-store';
import type { ColumnKind } from './event-columns';

/** Where exported events go, a batch at a time: memory holds a batch (Parquet: a row group), never the log. */
export interface ExportSink {
  write(events: StoredEvent[]): Promise<void>;
  close(): Promise<void>;
  /** The export failed: leave nothing half-made behind but the output itself. */
  abort(): Promise<void>;
}

/** Writes `text`, waiting for the stream to drain when its buffer is full; rejects if the write fails. */
export function send(out: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    // A failed write never drains: its callback carries the error instead.
    if (out.write(text, (error) => error && reject(error))) resolve();
    else out.once('drain', () => resolve());
  });
}

/** One stored event per line, exactly as the log holds it. */
export function ndjsonSink(out: NodeJS.WritableStream): ExportSink {
  return {
    write: (events) => send(out, events.map((e) => JSON.stringify(e)).join('\n') + '\n'),
    close: async () => undefined,
    abort: async () => undefined,
  };
}

/** A cell as text: lists and objects as their JSON, nothing for no value. */
export function asText(kind: ColumnKind, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (kind === 'json' || typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
