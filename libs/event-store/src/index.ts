export * from './event-store.port';
export * from './errors';
export { eventId } from './event-id';
export { SqliteEventStore } from './sqlite/sqlite-event-store';
export { PostgresEventStore, type PostgresStoreOptions } from './postgres/postgres-event-store';
export * from './subscription';
export { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';
export { openSqlite } from './sqlite/open-sqlite';
export { readAllInBatches } from './read-all';
