import type { StoredEvent } from '../event-store.port';

type EventArray = [number, string, string, number, string, unknown, StoredEvent['metadata'], string];

/** `events.event`: the whole stored event as one JSON array, in this order. */
export function toEventText(e: StoredEvent): string {
  const row: EventArray = [e.position, e.id, e.stream, e.revision, e.type, e.data, e.metadata, e.recordedAt];
  return JSON.stringify(row);
}

export function fromEventText(text: string): StoredEvent {
  const r = JSON.parse(text) as EventArray;
  return {
    position: r[0],
    id: r[1],
    stream: r[2],
    revision: r[3],
    type: r[4],
    data: r[5],
    metadata: r[6],
    recordedAt: r[7],
  };
}
