export * from './clock';
export * from './timer-store';
export { SqliteTimerStore } from './sqlite-timer-store';
export { PostgresTimerStore } from './postgres-timer-store';
export * from './timer-manager';
