import { indexesOf, type Dialect } from './indexed-sql';

/** Fields as SQLite's JSON functions read them; text compares as bytes (BINARY), as JS compares ASCII. */
export const SQLITE: Dialect = {
  field: (name) => `json_extract(doc, '$.${name}')`,
  id: 'id',
  bool: (value) => (value ? 1 : 0),
  // Unary + is a no-op on any value that keeps SQLite from using an index for the term.
  unindexed: (expression) => `+${expression}`,
  param: () => '?',
};

/**
 * A generation's table of documents and its indexes (made again where missing: tables older than them).
 * A rowid table: on a WITHOUT ROWID one SQLite looks every index entry up in the table to read an
 * indexed expression, so a count over an index read each document (ADR 20). Tables made before
 * stay as they were until a build replaces them.
 */
export const docsTable = (table: string) =>
  [
    `CREATE TABLE IF NOT EXISTS ${table} (model TEXT NOT NULL, shop_id TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (model, shop_id, id))`,
    ...indexesOf(SQLITE, table),
  ].join(';\n');
