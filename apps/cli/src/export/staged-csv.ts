import type { StoredEvent } from '@sce/event-store';
import { cellsOf, type Column, type ColumnKind } from './event-columns';
import { asText } from './sinks';

/** The DuckDB type of each kind of column, as the staged rows are read back and as Parquet holds them. */
export const DUCKDB_TYPE: Record<ColumnKind, string> = {
  string: 'VARCHAR',
  json: 'JSON',
  integer: 'BIGINT',
  number: 'DOUBLE',
  boolean: 'BOOLEAN',
  time: 'TIMESTAMP',
};

// Control characters JSON.stringify always escapes: the payload's JSON text is staged as it is,
// unquoted, and only a text holding one of them (or a line break) is quoted.
const DELIMITER = '\x1f';
const QUOTE = '\x01';
// eslint-disable-next-line no-control-regex -- the delimiter and the quote are control characters on purpose
const NEEDS_QUOTES = /[\x01\x1f\r\n]/;
// eslint-disable-next-line no-control-regex -- as above
const QUOTES = /\x01/g;

const text = (v: string) =>
  v === '' || NEEDS_QUOTES.test(v) ? `${QUOTE}${v.replace(QUOTES, QUOTE + QUOTE)}${QUOTE}` : v;

/**
 * A cell as DuckDB's CSV reader takes it back with the options of `readStagedCsv`: no value is an
 * empty field, an empty text a quoted one; spaces are kept as they are.
 */
const CELL: Record<ColumnKind, (value: unknown) => string> = {
  integer: (v) => (typeof v === 'number' ? String(v) : ''),
  number: (v) => (typeof v === 'number' ? String(v) : ''),
  boolean: (v) => (typeof v === 'boolean' ? String(v) : ''),
  // Canonical UTC instants, which DuckDB's TIMESTAMP (UTC) reads as they are.
  time: (v) => (typeof v === 'string' ? v : ''),
  string: (v) => (v === undefined || v === null ? '' : text(asText('string', v)!)),
  json: (v) => (v === undefined || v === null ? '' : JSON.stringify(v)),
};

/**
 * Formats events as the CSV lines `readStagedCsv` reads: one line per event, a field per column,
 * only the cells its type can fill computed (the rest are runs of delimiters).
 */
export function stagedCsvRows(columns: readonly Column[]): (events: readonly StoredEvent[]) => string {
  const cells = cellsOf(columns);
  const cell = columns.map((c) => CELL[c.kind]);
  const commas = Array.from({ length: columns.length }, (_, n) => DELIMITER.repeat(n));
  const last = columns.length - 1;
  return (events) => {
    const lines: string[] = [];
    for (const event of events) {
      // Each line is joined flat at once: a batch-long chain of `+=` survives into the old
      // generation and the garbage collector took more time than the formatting.
      const parts: string[] = [];
      let at = 0;
      for (const i of cells(event.type)) {
        parts.push(commas[i - at]!, cell[i]!(columns[i]!.value(event)));
        at = i;
      }
      parts.push(commas[last - at]!, '\n');
      lines.push(parts.join(''));
    }
    return lines.join('');
  };
}

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** DuckDB's reader of staged rows: every option given, so nothing is sniffed and nothing guessed. */
export function readStagedCsv(file: string, columns: readonly Column[]): string {
  const types = columns.map((c) => `${literal(c.name)}: ${literal(DUCKDB_TYPE[c.kind])}`).join(', ');
  return `read_csv(${literal(file)}, columns = {${types}}, header = false, auto_detect = false,
    delim = '${DELIMITER}', quote = '${QUOTE}', escape = '${QUOTE}', nullstr = '', allow_quoted_nulls = false)`;
}
