import { Pool } from 'pg';
import { schemaLockKey } from '@sce/event-store';
import type { ApiKeyRecord } from './api-key';
import { COLUMNS, recordOf, valuesOf } from './api-key-rows';
import type { ApiKeyStore } from './api-key-store.port';

const PLACES = '$1, $2, $3, $4, $5, $6, $7, $8, $9, $10';

/** API keys in the PostgreSQL schema the engines share: a key made or revoked on one holds on all. */
export class PostgresApiKeyStore implements ApiKeyStore {
  private constructor(private readonly pool: Pool) {}

  static async connect(connectionString: string, schema: string): Promise<PostgresApiKeyStore> {
    const pool = new Pool({ connectionString, max: 4, options: `-c search_path="${schema}"` });
    pool.on('error', () => undefined);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      // The event store and read models may be creating this schema at the same moment: take turns.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [schemaLockKey(schema)]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await client.query(`CREATE TABLE IF NOT EXISTS api_keys (
        id text PRIMARY KEY, name text NOT NULL, role text NOT NULL, shop_id text, hash text NOT NULL UNIQUE,
        created_at text NOT NULL, expires_at text, revoked_at text, created_by text, replaces text)`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      await pool.end();
      throw error;
    } finally {
      client.release();
    }
    return new PostgresApiKeyStore(pool);
  }

  async insert(record: ApiKeyRecord): Promise<void> {
    await this.pool.query(`INSERT INTO api_keys (${COLUMNS}) VALUES (${PLACES})`, valuesOf(record));
  }

  async insertFirst(record: ApiKeyRecord): Promise<boolean> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // Engines starting together on an empty schema: one of them makes the first key.
      await client.query("SELECT pg_advisory_xact_lock(hashtext('sce-first-api-key'))");
      const { rowCount } = await client.query('SELECT 1 FROM api_keys LIMIT 1');
      if (!rowCount) await client.query(`INSERT INTO api_keys (${COLUMNS}) VALUES (${PLACES})`, valuesOf(record));
      await client.query('COMMIT');
      return !rowCount;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async byHash(hash: string): Promise<ApiKeyRecord | undefined> {
    const { rows } = await this.pool.query(`SELECT ${COLUMNS} FROM api_keys WHERE hash = $1`, [hash]);
    return rows[0] && recordOf(rows[0]);
  }

  async byId(id: string): Promise<ApiKeyRecord | undefined> {
    const { rows } = await this.pool.query(`SELECT ${COLUMNS} FROM api_keys WHERE id = $1`, [id]);
    return rows[0] && recordOf(rows[0]);
  }

  async list(): Promise<ApiKeyRecord[]> {
    const { rows } = await this.pool.query(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, id`);
    return rows.map(recordOf);
  }

  async update(id: string, change: Partial<Pick<ApiKeyRecord, 'revokedAt' | 'expiresAt'>>) {
    const { rows } = await this.pool.query(
      `UPDATE api_keys SET revoked_at = CASE WHEN $2 THEN $3 ELSE revoked_at END,
         expires_at = CASE WHEN $4 THEN $5 ELSE expires_at END WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, 'revokedAt' in change, change.revokedAt ?? null, 'expiresAt' in change, change.expiresAt ?? null],
    );
    return rows[0] && recordOf(rows[0]);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
