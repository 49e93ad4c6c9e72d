import type { Model } from './doc-key';

/**
 * The document fields reads may page, filter and count by, per model: each key is an expression
 * index on every generation's table (partial: only its model's rows), made with the table, on the
 * field, then the fields it carries (so that a count grouped or filtered on them reads the index
 * alone, in order), then the id. A read by a field left out here is refused rather than left to scan the shop's history.
 */
export const INDEXED = {
  order: {
    placedAt: [],
    placedDate: ['status'],
    status: [],
    deliveredDate: ['refunded'],
    toShipBy: [],
    cancellationRespondBy: [],
  },
  refund: { status: [], requestedDate: [], receivedDate: [], issuedDate: [] },
  product: { status: [] },
} as const satisfies Partial<Record<Model, Record<string, readonly string[]>>>;

type Declared = typeof INDEXED;
export type IndexedModel = keyof Declared;
type Carried<L> = L extends readonly (infer F)[] ? F : never;
type FieldsOf<M extends IndexedModel> = keyof Declared[M] | Carried<Declared[M][keyof Declared[M]]>;
export type IndexedField = { [M in IndexedModel]: FieldsOf<M> }[IndexedModel] & string;

/** Every index made: its model, the field it orders by, and the fields it carries. */
export const INDEXES = Object.entries(INDEXED).flatMap(([model, fields]) =>
  Object.entries(fields as Record<string, readonly IndexedField[]>).map(([field, carries]) => ({
    model: model as IndexedModel,
    field: field as IndexedField,
    carries,
  })),
);

/**
 * A condition on an indexed field: equal to a string or boolean, one of some strings, or a string
 * in [from, to). A field that is null or absent matches none of them.
 */
export type Match = string | boolean | readonly string[] | { readonly from: string; readonly to: string };
export type Where = Readonly<Partial<Record<IndexedField, Match>>>;

/** Where a page ends: the last document's `by` value and id. */
export interface Cursor {
  readonly value: string;
  readonly id: string;
}

export interface PageQuery {
  /** The order: this field's value, then the id. Documents where it is null or absent are not paged. */
  readonly by: IndexedField;
  readonly where?: Where;
  /** Start just past this cursor (a previous page's `next`). */
  readonly after?: Cursor;
  readonly limit: number;
  readonly order: 'asc' | 'desc';
}

export interface Page<T> {
  readonly docs: T[];
  /** The cursor of the page's last document, when more documents follow it. */
  readonly next: Cursor | null;
}

/** How many documents have these values of the fields counted by (null: absent), in that order. */
export interface Group {
  readonly values: (string | null)[];
  readonly count: number;
}

/**
 * The SQL-safe name of an indexed field of `model`.
 * @throws Error for a field no index covers: a read by it would scan every document of the shop.
 */
export function indexed(model: Model, field: string): IndexedField {
  const fields = INDEXES.filter((i) => i.model === model).flatMap((i): string[] => [i.field, ...i.carries]);
  if (!fields.includes(field)) throw new Error(`${model}.${field} is not indexed: declare it in INDEXED`);
  return field as IndexedField;
}

/** Checks every field a read names, before any SQL is made of them. */
export function checkIndexed(model: Model, by: readonly string[], where: Where = {}): void {
  for (const field of [...by, ...conditionsOf(where).map(([field]) => field)]) indexed(model, field);
}

const valueOf = (doc: unknown, field: string): unknown => (doc as Record<string, unknown>)[field] ?? null;

/** Whether a document's value meets `match`, as the stores' SQL judges it. */
function matches(value: unknown, match: Match): boolean {
  if (typeof match === 'boolean') return value === match;
  if (typeof value !== 'string') return false;
  if (typeof match === 'string') return value === match;
  if (Array.isArray(match)) return match.includes(value);
  const { from, to } = match as { from: string; to: string };
  return from <= value && value < to;
}

const meets = (doc: unknown, where: Where = {}) =>
  conditionsOf(where).every(([field, match]) => matches(valueOf(doc, field), match));

/** The conditions `where` sets (a field given as undefined sets none). */
export const conditionsOf = (where: Where = {}) =>
  Object.entries(where).filter((entry): entry is [IndexedField, Match] => entry[1] !== undefined);

/** `page` over documents in memory (id → document), as the memory stores read. */
export function pageOf<T>(model: Model, docs: Iterable<[string, unknown]>, query: PageQuery): Page<T> {
  checkIndexed(model, [query.by], query.where);
  const sign = query.order === 'asc' ? 1 : -1;
  const compare = (a: Cursor, b: Cursor) =>
    sign * (a.value === b.value ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.value < b.value ? -1 : 1);
  const { after } = query;
  const rows = [...docs]
    .flatMap(([id, doc]) => {
      const value = valueOf(doc, query.by);
      return typeof value === 'string' && meets(doc, query.where) ? [{ at: { value, id }, doc: doc as T }] : [];
    })
    .filter((row) => !after || compare(row.at, after) > 0)
    .sort((a, b) => compare(a.at, b.at));
  const kept = rows.slice(0, query.limit);
  return { docs: kept.map((r) => r.doc), next: rows.length > query.limit ? kept[kept.length - 1]!.at : null };
}

/** `countBy` over documents in memory, as the memory stores read. */
export function countOf(model: Model, docs: Iterable<unknown>, by: readonly IndexedField[], where?: Where): Group[] {
  checkIndexed(model, by, where);
  const groups = new Map<string, Group>();
  for (const doc of docs) {
    if (!meets(doc, where)) continue;
    const values = by.map((field) => valueOf(doc, field) as string | null);
    const key = JSON.stringify(values);
    groups.set(key, { values, count: (groups.get(key)?.count ?? 0) + 1 });
  }
  return [...groups.values()];
}

/** A cursor as answers give it: opaque and URL-safe. */
export const encodeCursor = ({ value, id }: Cursor): string =>
  Buffer.from(JSON.stringify([value, id])).toString('base64url');

/** The cursor `encodeCursor` made `text` of; undefined for any other text. */
export function decodeCursor(text: string): Cursor | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || !parsed.every((p) => typeof p === 'string')) return undefined;
  const cursor = { value: parsed[0] as string, id: parsed[1] as string };
  // Base64 decoding skips what it cannot read: only the text this cursor encodes to is that cursor.
  return encodeCursor(cursor) === text ? cursor : undefined;
}

/** All of a query's documents, page after page (for answers that need the whole set, as a queue's length). */
export async function allPages<T>(read: (after?: Cursor) => Promise<Page<T>>): Promise<T[]> {
  const docs: T[] = [];
  let after: Cursor | undefined;
  do {
    const page = await read(after);
    docs.push(...page.docs);
    after = page.next ?? undefined;
  } while (after);
  return docs;
}
