import type { CommandRecord, EventFilter, StoredEvent } from './event-store.port';

export interface EventRow {
  position: number | string;
  event_id: string;
  stream_id: string;
  revision: number | string;
  type: string;
  data: string | object;
  metadata: string | object;
  recorded_at: string | Date;
}

const json = (value: string | object): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    id: row.event_id,
    stream: row.stream_id,
    revision: Number(row.revision),
    position: Number(row.position),
    type: row.type,
    data: json(row.data),
    metadata: json(row.metadata) as StoredEvent['metadata'],
    recordedAt: row.recorded_at instanceof Date ? row.recorded_at.toISOString() : row.recorded_at,
  };
}

/** The same from a raw (array) row in COLUMNS order: no per-row object for the driver to build. */
export function fromRawRow(r: unknown[]): StoredEvent {
  return {
    position: Number(r[0]),
    id: r[1] as string,
    stream: r[2] as string,
    revision: Number(r[3]),
    type: r[4] as string,
    data: JSON.parse(r[5] as string),
    metadata: JSON.parse(r[6] as string),
    recordedAt: r[7] as string,
  };
}

export function toCommandRecord(row: {
  command_id: string;
  fingerprint: string;
  outcome: string | object;
}): CommandRecord {
  return {
    commandId: row.command_id,
    fingerprint: row.fingerprint,
    outcome: json(row.outcome) as CommandRecord['outcome'],
  };
}

/** Does `event` pass `filter`? Used where a store cannot filter in its query. */
export function matches(filter: EventFilter | undefined, event: { type: string; stream: string }): boolean {
  if (!filter) return true;
  if (filter.eventTypes && !filter.eventTypes.includes(event.type)) return false;
  if (filter.categories && !filter.categories.includes(event.stream.slice(0, event.stream.indexOf('-')))) return false;
  return true;
}
