import { DuckDBInstance } from '@duckdb/node-api';
import { createWriteStream, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Column } from './event-columns';
import { send, type ExportSink } from './sinks';
import { readStagedCsv, stagedCsvRows } from './staged-csv';

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Rows per row group: DuckDB's and pandas' readers skip and parallelise by row group. */
export const PARQUET_ROW_GROUP = 100_000;

/**
 * A Parquet file with a typed column per field, written by DuckDB's Parquet writer. The rows are
 * staged as CSV with every reader option declared in a private folder beside the output, then
 * DuckDB streams them into the file under a memory limit, on one thread (two are slower on two
 * cores: Node formats the rows on the other). The file appears whole, by a rename, or not at all.
 * (NDJSON staging and DuckDB's appender were slower; hyparquet-writer and Arrow's builders: ADR 17.)
 */
export function parquetSink(file: string, columns: Column[]): ExportSink {
  const target = resolve(file);
  const stage = mkdtempSync(join(dirname(target), '.export-'));
  const staged = join(stage, 'rows.csv');
  const out = createWriteStream(staged);
  // Waited for before the stage goes: the stream may still be opening its file on the thread pool.
  const closed = new Promise<void>((done) => out.once('close', done));
  let failed: Error | undefined;
  out.on('error', (error) => (failed ??= error));
  const rows = stagedCsvRows(columns);
  const cleanUp = () => rmSync(stage, { recursive: true, force: true });
  return {
    write: (events) => send(out, rows(events)),
    close: async () => {
      try {
        await new Promise<void>((done, fail) => out.end((error?: Error | null) => (error ? fail(error) : done())));
        if (failed) throw failed;
        const written = join(stage, 'out.parquet');
        await copyToParquet(stage, readStagedCsv(staged, columns), columns, written);
        renameSync(written, target);
      } finally {
        cleanUp();
      }
    },
    abort: async () => {
      out.destroy();
      await closed;
      cleanUp();
    },
  };
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
