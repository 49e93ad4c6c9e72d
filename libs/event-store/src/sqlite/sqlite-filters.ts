import type { EventFilter } from '../event-store.port';

/** A filtered page of the log: by event types, by stream categories, or both. */
export function filteredQuery(after: number, limit: number, filter: EventFilter) {
  const where = ['position > ?'];
  const params: unknown[] = [after];
  if (filter.eventTypes) {
    where.push('type IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.eventTypes));
  }
  if (filter.categories) {
    where.push("substr(stream_id, 1, instr(stream_id, '-') - 1) IN (SELECT value FROM json_each(?))");
    params.push(JSON.stringify(filter.categories));
  }
  params.push(limit);
  return { sql: `SELECT event FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT ?`, params };
}
