import type { CommandRecord, EventFilter, StoredEvent } from './event-store.port';

const json = (value: string | object): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

/** An event from an array row in COLUMNS order: no per-row object for the driver to build. */
export function fromRawRow(r: unknown[]): StoredEvent {
  return {
    position: Number(r[0]),
    id: r[1] as string,
    stream: r[2] as string,
    revision: Number(r[3]),
    type: r[4] as string,
    data: json(r[5] as string | object),
    metadata: json(r[6] as string | object) as StoredEvent['metadata'],
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
