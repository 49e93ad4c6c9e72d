import { EVENT_DATA_SCHEMAS } from '@sce/contracts';
import type { StoredEvent } from '@sce/event-store';

/** How a column's values are written: CSV writes each as text, Parquet as its own type. */
export type ColumnKind = 'string' | 'integer' | 'number' | 'boolean' | 'time' | 'json';

export interface Column {
  name: string;
  kind: ColumnKind;
  value: (event: StoredEvent) => unknown;
  /** The event types that have this field; every type when absent (the envelope's columns). */
  types?: ReadonlySet<string>;
}

/**
 * The indexes of the columns an event of each type has values in: a wide export (every type, some
 * 60 payload columns) then touches the 15 or 20 cells of a row that can hold a value, not all.
 */
export function cellsOf(columns: readonly Column[]): (type: string) => readonly number[] {
  const byType = new Map<string, number[]>();
  return (type) => {
    let cells = byType.get(type);
    if (!cells) {
      cells = columns.flatMap((c, i) => (!c.types || c.types.has(type) ? [i] : []));
      byType.set(type, cells);
    }
    return cells;
  };
}

type Data = Record<string, unknown>;
const dataOf = (e: StoredEvent) => (e.data ?? {}) as Data;

/** What every row has, whatever the event: where it is, what it is, when, whose, and its JSON. */
const ENVELOPE: Column[] = [
  { name: 'position', kind: 'integer', value: (e) => e.position },
  { name: 'stream', kind: 'string', value: (e) => e.stream },
  { name: 'revision', kind: 'integer', value: (e) => e.revision },
  { name: 'type', kind: 'string', value: (e) => e.type },
  { name: 'eventId', kind: 'string', value: (e) => e.id },
  { name: 'recordedAt', kind: 'time', value: (e) => e.recordedAt },
  { name: 'occurredAt', kind: 'time', value: (e) => e.metadata.occurredAt },
  { name: 'shopId', kind: 'string', value: (e) => shopOf(e) },
  { name: 'actorRole', kind: 'string', value: (e) => e.metadata.actor.role },
  { name: 'actorId', kind: 'string', value: (e) => e.metadata.actor.id },
  { name: 'commandId', kind: 'string', value: (e) => e.metadata.commandId },
  { name: 'correlationId', kind: 'string', value: (e) => e.metadata.correlationId },
  { name: 'keyId', kind: 'string', value: (e) => e.metadata.keyId },
  { name: 'data', kind: 'json', value: (e) => e.data },
];

/** The shop an event is about; none for the platform's own events (a campaign announced). */
export function shopOf(event: StoredEvent): string | undefined {
  const shopId = dataOf(event).shopId;
  return typeof shopId === 'string' ? shopId : undefined;
}

interface PropertySchema {
  type?: unknown;
}

const KIND_OF_SCHEMA_TYPE: Record<string, ColumnKind> = {
  string: 'string',
  integer: 'integer',
  number: 'number',
  boolean: 'boolean',
};

/** A field's kind by its schema type; a nullable one (`["string", "null"]`) by its other type. */
function kindOf({ type }: PropertySchema): ColumnKind {
  const types = (Array.isArray(type) ? type : [type]).filter((t) => t !== 'null');
  return (types.length === 1 && typeof types[0] === 'string' && KIND_OF_SCHEMA_TYPE[types[0]]) || 'json';
}

type DataSchemas = Record<string, { properties?: Record<string, PropertySchema> }>;

/**
 * The payload's fields as columns of their own (`data.orderId`, `data.total`, ...): each top-level
 * field of the exported event types, typed by the events' published schemas. A field two types give
 * different types, and every list or object (an order's lines), is its JSON text. The columns come
 * from the schemas, not from the events, so a file's columns are known before its first row.
 */
export function eventColumns(
  eventTypes: readonly string[],
  schemas: DataSchemas = EVENT_DATA_SCHEMAS as DataSchemas,
): Column[] {
  const kinds = new Map<string, ColumnKind>();
  const typesOf = new Map<string, Set<string>>();
  for (const type of eventTypes) {
    const schema = schemas[type];
    for (const [field, property] of Object.entries(schema?.properties ?? {})) {
      const kind = kindOf(property);
      const seen = kinds.get(field);
      kinds.set(field, seen === undefined || seen === kind ? kind : 'json');
      typesOf.set(field, (typesOf.get(field) ?? new Set()).add(type));
    }
  }
  const payload = [...kinds.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([field, kind]): Column => ({
      name: `data.${field}`,
      kind,
      value: (e) => dataOf(e)[field],
      types: typesOf.get(field),
    }));
  return [...ENVELOPE, ...payload];
}
