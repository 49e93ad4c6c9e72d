import type { Model } from './doc-key';
import {
  checkIndexed,
  conditionsOf,
  INDEXES,
  type Group,
  type IndexedField,
  type Match,
  type Page,
  type PageQuery,
  type Where,
} from './indexed-reads';

/** How one database spells the indexed reads. Field names and models are checked before they are spliced in. */
export interface Dialect {
  /** A document field's value as text, exactly as its index has it (so the planner matches the two). */
  field(name: IndexedField): string;
  /** The id, collated as the index has it. */
  readonly id: string;
  /** A boolean as the field's expression gives it. */
  bool(value: boolean): unknown;
  /** `expression` as a filter on the rows another field's index found, never an index's own term. */
  unindexed(expression: string): string;
  /** The n-th parameter (from 1). */
  param(n: number): string;
}

/**
 * The statements that make a generation table's indexes: by shop and field, then the fields carried,
 * then the id (an index that carries none is the order pages are read in; one that carries fields
 * groups a count by them as it reads). Its name names them, so a changed declaration makes a new one.
 */
export const indexesOf = (d: Dialect, table: string) =>
  INDEXES.map(({ model, field, carries }) => {
    const name = [table, model, field, ...carries, 'id']
      .join('_')
      .toLowerCase()
      .replace(/[^a-z0-9_]/g, '_');
    const columns = ['shop_id', d.field(field), ...carries.map((c) => d.field(c)), d.id];
    return `CREATE INDEX IF NOT EXISTS ${name} ON ${table} (${columns.join(', ')}) WHERE model = '${model}'`;
  });

class Params {
  readonly values: unknown[] = [];
  constructor(private readonly d: Dialect) {}
  add(value: unknown): string {
    this.values.push(value);
    return this.d.param(this.values.length);
  }
}

function condition(d: Dialect, params: Params, field: IndexedField, match: Match, byIndex: boolean): string {
  const f = byIndex ? d.field(field) : d.unindexed(d.field(field));
  if (typeof match === 'boolean') return `${f} = ${params.add(d.bool(match))}`;
  if (typeof match === 'string') return `${f} = ${params.add(match)}`;
  if (Array.isArray(match))
    return match.length ? `${f} IN (${match.map((m: string) => params.add(m)).join(', ')})` : 'FALSE';
  const { from, to } = match as { from: string; to: string };
  return `${f} >= ${params.add(from)} AND ${f} < ${params.add(to)}`;
}

/**
 * The rows of `model` for `shopId` matching `where`: the partial indexes need the model as a literal.
 * With `by`, only its index finds them (a page is read in its order, never sorted); else any may.
 */
function rowsOf(d: Dialect, params: Params, model: Model, shopId: string, where: Where = {}, by?: IndexedField) {
  return [
    `model = '${model}'`,
    `shop_id = ${params.add(shopId)}`,
    ...conditionsOf(where).map(([field, match]) =>
      condition(d, params, field, match, by === undefined || field === by),
    ),
  ];
}

/** A page's SELECT (columns v, id, doc), one row past the page to tell whether more follow. */
export function pageSql(d: Dialect, table: string, model: Model, shopId: string, query: PageQuery) {
  checkIndexed(model, [query.by], query.where);
  const params = new Params(d);
  const by = d.field(query.by);
  const filters = [...rowsOf(d, params, model, shopId, query.where, query.by), `${by} IS NOT NULL`];
  const direction = query.order === 'asc' ? 'ASC' : 'DESC';
  if (query.after)
    filters.push(
      `(${by}, ${d.id}) ${query.order === 'asc' ? '>' : '<'} (${params.add(query.after.value)}, ${params.add(query.after.id)})`,
    );
  const limit = params.add(query.limit + 1);
  return {
    sql: `SELECT ${by} AS v, id, doc FROM ${table} WHERE ${filters.join(' AND ')} ORDER BY ${by} ${direction}, ${d.id} ${direction} LIMIT ${limit}`,
    params: params.values,
  };
}

/** A count's SELECT: columns k0… (the values counted by) and n. */
export function countSql(
  d: Dialect,
  table: string,
  model: Model,
  shopId: string,
  by: readonly IndexedField[],
  where?: Where,
) {
  checkIndexed(model, by, where);
  const params = new Params(d);
  const keys = by.map((field, n) => `${d.field(field)} AS k${n}`);
  const filters = rowsOf(d, params, model, shopId, where);
  const grouped = by.length ? ` GROUP BY ${by.map((_, n) => `k${n}`).join(', ')}` : '';
  return {
    sql: `SELECT ${[...keys, 'count(*) AS n'].join(', ')} FROM ${table} WHERE ${filters.join(' AND ')}${grouped}`,
    params: params.values,
  };
}

/** A page of the rows `pageSql` selects: all but the row past it, which tells that more follow. */
export function pageFrom<T>(rows: { v: string; id: string; doc: T }[], limit: number): Page<T> {
  const kept = rows.slice(0, limit);
  const last = kept[kept.length - 1];
  return { docs: kept.map((r) => r.doc), next: rows.length > limit && last ? { value: last.v, id: last.id } : null };
}

/** The groups of a count's rows. */
export const groupsOf = (rows: Record<string, unknown>[], by: readonly unknown[]): Group[] =>
  rows
    .map((row) => ({ values: by.map((_, n) => (row[`k${n}`] ?? null) as string | null), count: Number(row.n) }))
    .filter((group) => group.count > 0);

/** Statements made once per SQL text (a page's shape varies with its query). */
export class Statements<S> {
  private readonly made = new Map<string, S>();
  constructor(private readonly make: (sql: string) => S) {}
  of(sql: string): S {
    let statement = this.made.get(sql);
    if (!statement) this.made.set(sql, (statement = this.make(sql)));
    return statement;
  }
  clear(): void {
    this.made.clear();
  }
}
