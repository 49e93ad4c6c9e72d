export * from './docs';
export * from './doc-store';
export * from './sqlite-doc-store';
export * from './postgres-doc-store';
export * from './runner';
export * from './queries';
export { localDate, addDays } from './local-time';
