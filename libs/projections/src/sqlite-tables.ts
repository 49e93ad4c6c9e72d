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

/** A generation's table of documents and its indexes (made again where missing: tables older than them). */
export const docsTable = (table: string) =>
  [
    `CREATE TABLE IF NOT EXISTS ${table} (model TEXT NOT NULL, shop_id TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (model, shop_id, id)) WITHOUT ROWID`,
    ...indexesOf(SQLITE, table),
  ].join(';\n');
