import { inPostgresTransaction, schemaLockKey } from '@sce/event-store';
import { Client, Pool } from 'pg';
import { CheckpointMoved, type DocStore } from './doc-store';
import { keyOf, parseKey, type DocKey, type Model } from './doc-key';

/** Read models in PostgreSQL, shared by several engine instances (one of them projects). */
export class PostgresDocStore implements DocStore {
  /** The connection holding the leader's advisory lock (session-level: released if it drops). */
  private leader?: Client;

  private constructor(
    private readonly pool: Pool,
    private readonly connectionString: string,
    private readonly schema: string,
  ) {}

  static async connect(connectionString: string, schema = 'public'): Promise<PostgresDocStore> {
    const pool = new Pool({ connectionString, max: 8, options: `-c search_path="${schema}"` });
    pool.on('error', () => undefined);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      // The event store may be creating this schema at the same moment: take turns (its lock).
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [schemaLockKey(schema)]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS read_docs (model text NOT NULL, shop_id text NOT NULL, id text NOT NULL, doc jsonb NOT NULL, PRIMARY KEY (model, shop_id, id));
        CREATE TABLE IF NOT EXISTS checkpoints (projection text PRIMARY KEY, position bigint NOT NULL);`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
    return new PostgresDocStore(pool, connectionString, schema);
  }

  async load(keys: DocKey[]): Promise<Map<string, unknown>> {
    if (!keys.length) return new Map();
    const { rows } = await this.pool.query<{ model: Model; shop_id: string; id: string; doc: unknown }>(
      'SELECT d.model, d.shop_id, d.id, d.doc FROM read_docs d JOIN unnest($1::text[], $2::text[], $3::text[]) k(model, shop_id, id) USING (model, shop_id, id)',
      [keys.map((k) => k.model), keys.map((k) => k.shopId), keys.map((k) => k.id)],
    );
    return new Map(rows.map((r) => [keyOf({ model: r.model, shopId: r.shop_id, id: r.id }), r.doc]));
  }

  async get<T>(key: DocKey): Promise<T | undefined> {
    const { rows } = await this.pool.query('SELECT doc FROM read_docs WHERE model = $1 AND shop_id = $2 AND id = $3', [
      key.model,
      key.shopId,
      key.id,
    ]);
    return rows[0]?.doc as T | undefined;
  }

  async list<T>(model: Model, shopId?: string): Promise<T[]> {
    const { rows } =
      shopId === undefined
        ? await this.pool.query('SELECT doc FROM read_docs WHERE model = $1 ORDER BY shop_id, id', [model])
        : await this.pool.query('SELECT doc FROM read_docs WHERE model = $1 AND shop_id = $2 ORDER BY id', [
            model,
            shopId,
          ]);
    return rows.map((r) => r.doc as T);
  }

  async listRange<T>(model: Model, shopId: string, fromId: string, toId: string): Promise<T[]> {
    const { rows } = await this.pool.query(
      'SELECT doc FROM read_docs WHERE model = $1 AND shop_id = $2 AND id >= $3 AND id < $4 ORDER BY id COLLATE "C"',
      [model, shopId, fromId, toId],
    );
    return rows.map((r) => r.doc as T);
  }

  async commit(changes: Map<string, unknown>, projection: string, from: number, to: number): Promise<void> {
    const keys = [...changes.keys()].map(parseKey);
    await inPostgresTransaction(this.pool, async (client) => {
      await client.query('INSERT INTO checkpoints (projection, position) VALUES ($1, 0) ON CONFLICT DO NOTHING', [
        projection,
      ]);
      const { rows } = await client.query('SELECT position FROM checkpoints WHERE projection = $1 FOR UPDATE', [
        projection,
      ]);
      const stored = Number(rows[0]!.position);
      if (stored !== from) throw new CheckpointMoved(from, stored);
      if (keys.length) {
        await client.query(
          `INSERT INTO read_docs (model, shop_id, id, doc) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[])
           ON CONFLICT (model, shop_id, id) DO UPDATE SET doc = excluded.doc`,
          [
            keys.map((k) => k.model),
            keys.map((k) => k.shopId),
            keys.map((k) => k.id),
            [...changes.values()].map((d) => JSON.stringify(d)),
          ],
        );
      }
      await client.query('UPDATE checkpoints SET position = $2 WHERE projection = $1', [projection, to]);
    });
  }

  async checkpoint(projection: string): Promise<number> {
    const { rows } = await this.pool.query('SELECT position FROM checkpoints WHERE projection = $1', [projection]);
    return Number(rows[0]?.position ?? 0);
  }

  /**
   * TRUNCATE, not DELETE: a DELETE of every document leaves as many dead rows for vacuum to reclaim
   * (millions), so the table grew and each rebuild after it was slower. The checkpoint goes with it.
   */
  async reset(projection: string): Promise<void> {
    await inPostgresTransaction(this.pool, async (client) => {
      await client.query('TRUNCATE read_docs');
      await client.query('DELETE FROM checkpoints WHERE projection = $1', [projection]);
    });
  }

  async tryLead(projection: string): Promise<boolean> {
    if (this.leader) return true;
    const client = new Client({ connectionString: this.connectionString });
    client.on('error', () => (this.leader = undefined));
    await client.connect();
    const { rows } = await client.query('SELECT pg_try_advisory_lock(hashtext($1)) AS leads', [
      `sce-projection:${this.schema}:${projection}`,
    ]);
    if (rows[0]?.leads) {
      this.leader = client;
      return true;
    }
    await client.end();
    return false;
  }

  async close(): Promise<void> {
    await this.leader?.end().catch(() => undefined);
    this.leader = undefined;
    await this.pool.end();
  }
}
