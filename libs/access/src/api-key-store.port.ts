import type { ApiKeyRecord } from './api-key';

/**
 * Where API keys live: the engine's own database (the SQLite data directory, or the PostgreSQL
 * schema every engine sharing it reads). Rows are only inserted and updated one by one, never
 * rewritten as a whole, so keys made at once on several engines all survive.
 */
export interface ApiKeyStore {
  insert(record: ApiKeyRecord): Promise<void>;
  /** Inserts `record` only if there is no key at all yet (atomically): the first-start key. */
  insertFirst(record: ApiKeyRecord): Promise<boolean>;
  byHash(hash: string): Promise<ApiKeyRecord | undefined>;
  byId(id: string): Promise<ApiKeyRecord | undefined>;
  /** Every key, oldest first. */
  list(): Promise<ApiKeyRecord[]>;
  /** Sets `revokedAt` and/or `expiresAt` of a key; undefined when there is no such key. */
  update(id: string, change: Partial<Pick<ApiKeyRecord, 'revokedAt' | 'expiresAt'>>): Promise<ApiKeyRecord | undefined>;
  close(): Promise<void>;
}
