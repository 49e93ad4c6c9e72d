export * from './api-key';
export * from './api-key-store.port';
export * from './api-keys';
export { SqliteApiKeyStore } from './sqlite-api-key-store';
export { PostgresApiKeyStore } from './postgres-api-key-store';
