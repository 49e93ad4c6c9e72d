import { DuckDBInstance } from '@duckdb/node-api';
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  constants,
  createWriteStream,
  mkdtempSync,
  openSync,
  renameSync,
  rmSync,
  type WriteStream,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Column } from './event-columns';
import { send, type ExportSink } from './sinks';
import { readStagedCsv, stagedCsvRows } from './staged-csv';

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * Rows per row group: DuckDB's and pandas' readers skip and parallelise by row group. (100,000 made
 * DuckDB slower and larger under its memory limit: ADR 17.)
 */
export const PARQUET_ROW_GROUP = 30_000;

/** What Node may hold for DuckDB to read: it formats the next batches meanwhile, on its own core. */
const AHEAD = 8 << 20;

/**
 * A Parquet file with a typed column per field, written by DuckDB's Parquet writer as the rows
 * arrive: Node formats them as CSV (every reader option declared) into a named pipe in a private
 * folder beside the output, and DuckDB's COPY, on one thread, reads the pipe into the file under a
 * memory limit. The file appears whole, by a rename, or not at all. (Staging the rows in a file
 * first, as NDJSON or CSV, and DuckDB's appender were slower: ADR 17.)
 */
export function parquetSink(file: string, columns: Column[]): ExportSink {
  const target = resolve(file);
  const stage = mkdtempSync(join(dirname(target), '.export-'));
  const cleanUp = () => rmSync(stage, { recursive: true, force: true });
  const pipe = join(stage, 'rows.csv');
  const written = join(stage, 'out.parquet');
  try {
    execFileSync('mkfifo', ['-m', '600', pipe]);
  } catch (error) {
    cleanUp();
    throw new Error(`could not make the named pipe the Parquet export reads its rows from`, { cause: error });
  }
  const copied = copyToParquet(stage, readStagedCsv(pipe, columns), columns, written);
  // Opening the pipe waits for DuckDB to open it; a COPY that failed first never will.
  const out = createWriteStream(pipe, { highWaterMark: AHEAD });
  const closed = new Promise<void>((done) => out.once('close', done));
  // Its errors reach the export by the callbacks of write and end (see `send`), not as events.
  out.on('error', () => undefined);
  const failure = copied.then(
    () => undefined,
    (error: Error) => {
      unblock(pipe, out);
      return error;
    },
  );
  const rows = stagedCsvRows(columns);
  const failed = async (error: unknown) => {
    out.destroy();
    // A write fails (EPIPE) because DuckDB stopped reading: its reason is the one to give.
    throw (await failure) ?? error;
  };
  return {
    write: (events) => send(out, rows(events)).catch(failed),
    close: async () => {
      try {
        await new Promise<void>((done, fail) => out.end((error?: Error | null) => (error ? fail(error) : done())));
        await copied;
        renameSync(written, target);
      } catch (error) {
        await failed(error);
      } finally {
        await closed;
        cleanUp();
      }
    },
    abort: async () => {
      out.destroy();
      await closed;
      await failure;
      cleanUp();
    },
  };
}

/** Opens the pipe's other end for a moment, so that the stream's open returns and its writes fail. */
function unblock(pipe: string, out: WriteStream): void {
  if (!out.pending) return;
  const reader = openSync(pipe, constants.O_RDONLY | constants.O_NONBLOCK);
  out.once('ready', () => closeSync(reader));
}

async function copyToParquet(stage: string, source: string, columns: Column[], file: string): Promise<void> {
  // Below 256 MB DuckDB spills the row groups it builds and slows down (ADR 17).
  const db = await DuckDBInstance.create(':memory:', {
    memory_limit: '256MB',
    threads: '1',
    temp_directory: stage,
    preserve_insertion_order: 'true',
  });
  const sql = await db.connect();
  try {
    await sql.run(
      `COPY (SELECT ${columns.map((c) => quoted(c.name)).join(', ')} FROM ${source})
       TO ${literal(file)} (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE ${PARQUET_ROW_GROUP})`,
    );
  } finally {
    sql.closeSync();
    db.closeSync();
  }
}
