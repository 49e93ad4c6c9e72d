import type Database from 'better-sqlite3';
import { openSqlite } from '@sce/event-store';
import type { ApiKeyRecord } from './api-key';
import { COLUMNS, recordOf, valuesOf, type Row } from './api-key-rows';
import type { ApiKeyStore } from './api-key-store.port';

/** API keys in `keys.db` of the data directory: the engine and the CLI may both write it (WAL, busy wait). */
export class SqliteApiKeyStore implements ApiKeyStore {
  private readonly db: Database.Database;

  constructor(path: string) {
    this.db = openSqlite(path, 'full');
    this.db.exec(`CREATE TABLE IF NOT EXISTS api_keys (
      id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, shop_id TEXT, hash TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL, expires_at TEXT, revoked_at TEXT, created_by TEXT, replaces TEXT)`);
  }

  async insert(record: ApiKeyRecord): Promise<void> {
    this.db.prepare(`INSERT INTO api_keys (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(...valuesOf(record));
  }

  async insertFirst(record: ApiKeyRecord): Promise<boolean> {
    return this.db
      .transaction(() => {
        if (this.db.prepare('SELECT 1 FROM api_keys LIMIT 1').get()) return false;
        this.db
          .prepare(`INSERT INTO api_keys (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(...valuesOf(record));
        return true;
      })
      .immediate();
  }

  async byHash(hash: string): Promise<ApiKeyRecord | undefined> {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM api_keys WHERE hash = ?`).get(hash) as Row | undefined;
    return row && recordOf(row);
  }

  async byId(id: string): Promise<ApiKeyRecord | undefined> {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM api_keys WHERE id = ?`).get(id) as Row | undefined;
    return row && recordOf(row);
  }

  async list(): Promise<ApiKeyRecord[]> {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, id`).all() as Row[]).map(recordOf);
  }

  async update(id: string, change: Partial<Pick<ApiKeyRecord, 'revokedAt' | 'expiresAt'>>) {
    this.db
      .prepare(
        `UPDATE api_keys SET revoked_at = CASE WHEN ? THEN ? ELSE revoked_at END,
           expires_at = CASE WHEN ? THEN ? ELSE expires_at END WHERE id = ?`,
      )
      .run(
        Number('revokedAt' in change),
        change.revokedAt ?? null,
        Number('expiresAt' in change),
        change.expiresAt ?? null,
        id,
      );
    return this.byId(id);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
