import { inPostgresTransaction, schemaLockKey } from '@sce/event-store';
import { Client, Pool, type PoolClient } from 'pg';
import { CheckpointMoved, type DocStore } from './doc-store';
import { keyOf, parseKey, type DocKey, type Model } from './doc-key';
import { buildCheckpoint, groupBy, strays, tableOf, type Build, type Versions } from './generation';
import type { Group, IndexedField, Page, PageQuery, Where } from './indexed-reads';
import { countSql, groupsOf, pageFrom, pageSql } from './indexed-sql';
import {
  BOOKKEEPING,
  docsTable,
  dropUnused,
  indexGenerations,
  nextGeneration,
  POSTGRES,
  readRoutes,
} from './postgres-generations';

/** PostgreSQL's code for a relation that does not exist: a generation another engine dropped. */
const UNDEFINED_TABLE = '42P01';

/** Read models in PostgreSQL, shared by several engine instances (one of them projects and builds). */
export class PostgresDocStore implements DocStore {
  /** The connection holding the leader's advisory lock (session-level: released if it drops). */
  private leader?: Client;
  private routes = new Map<Model, number>();

  private constructor(
    private readonly pool: Pool,
    private readonly connectionString: string,
    private readonly schema: string,
  ) {}

  static async connect(connectionString: string, schema = 'public'): Promise<PostgresDocStore> {
    const pool = new Pool({ connectionString, max: 8, options: `-c search_path="${schema}"` });
    pool.on('error', () => undefined);
    await inPostgresTransaction(pool, async (client) => {
      // The event store may be creating this schema at the same moment: take turns (its lock).
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [schemaLockKey(schema)]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await client.query(`${docsTable('read_docs')}; ${BOOKKEEPING}`);
      await indexGenerations(client, schema);
    });
    const store = new PostgresDocStore(pool, connectionString, schema);
    await store.refresh();
    return store;
  }

  private table(model: Model, generation?: number): string {
    return tableOf(generation ?? this.routes.get(model) ?? 0);
  }

  /** A read of live documents; when another engine dropped the generation it read, routes again once. */
  private async live<R>(read: () => Promise<R>): Promise<R> {
    try {
      return await read();
    } catch (error) {
      if ((error as { code?: string }).code !== UNDEFINED_TABLE) throw error;
      await this.refresh();
      return read();
    }
  }

  async load(keys: DocKey[], generation?: number): Promise<Map<string, unknown>> {
    const byTable = groupBy(keys, (k) => this.table(k.model, generation));
    const found = new Map<string, unknown>();
    for (const [table, some] of byTable) {
      const { rows } = await this.live(() =>
        this.pool.query<{ model: Model; shop_id: string; id: string; doc: unknown }>(
          `SELECT d.model, d.shop_id, d.id, d.doc FROM ${table} d JOIN unnest($1::text[], $2::text[], $3::text[]) k(model, shop_id, id) USING (model, shop_id, id)`,
          [some.map((k) => k.model), some.map((k) => k.shopId), some.map((k) => k.id)],
        ),
      );
      for (const r of rows) found.set(keyOf({ model: r.model, shopId: r.shop_id, id: r.id }), r.doc);
    }
    return found;
  }

  async get<T>(key: DocKey): Promise<T | undefined> {
    const { rows } = await this.live(() =>
      this.pool.query(`SELECT doc FROM ${this.table(key.model)} WHERE model = $1 AND shop_id = $2 AND id = $3`, [
        key.model,
        key.shopId,
        key.id,
      ]),
    );
    return rows[0]?.doc as T | undefined;
  }

  async list<T>(model: Model, shopId?: string): Promise<T[]> {
    const { rows } = await this.live(() =>
      shopId === undefined
        ? this.pool.query(`SELECT doc FROM ${this.table(model)} WHERE model = $1 ORDER BY shop_id, id`, [model])
        : this.pool.query(`SELECT doc FROM ${this.table(model)} WHERE model = $1 AND shop_id = $2 ORDER BY id`, [
            model,
            shopId,
          ]),
    );
    return rows.map((r) => r.doc as T);
  }

  async countDistinct(model: Model, shopId: string, fromId: string, toId: string, skip: number): Promise<number> {
    const { rows } = await this.live(() =>
      this.pool.query(
        `SELECT count(DISTINCT substr(id, $5 + 1)) AS n FROM ${this.table(model)}
          WHERE model = $1 AND shop_id = $2 AND id >= $3 AND id < $4`,
        [model, shopId, fromId, toId, skip],
      ),
    );
    return Number(rows[0].n);
  }

  async listRange<T>(model: Model, shopId: string, fromId: string, toId: string): Promise<T[]> {
    const { rows } = await this.live(() =>
      this.pool.query(
        `SELECT doc FROM ${this.table(model)} WHERE model = $1 AND shop_id = $2 AND id >= $3 AND id < $4 ORDER BY id COLLATE "C"`,
        [model, shopId, fromId, toId],
      ),
    );
    return rows.map((r) => r.doc as T);
  }

  async page<T>(model: Model, shopId: string, query: PageQuery): Promise<Page<T>> {
    const { rows } = await this.live(() => {
      const { sql, params } = pageSql(POSTGRES, this.table(model), model, shopId, query);
      return this.pool.query<{ v: string; id: string; doc: T }>(sql, params);
    });
    return pageFrom(rows, query.limit);
  }

  async countBy(model: Model, shopId: string, by: readonly IndexedField[], where?: Where): Promise<Group[]> {
    const { rows } = await this.live(() => {
      const { sql, params } = countSql(POSTGRES, this.table(model), model, shopId, by, where);
      return this.pool.query<Record<string, unknown>>(sql, params);
    });
    return groupsOf(rows, by);
  }

  async commit(
    changes: Map<string, unknown>,
    checkpoint: string,
    from: number,
    to: number,
    generation?: number,
  ): Promise<void> {
    const byTable = groupBy([...changes], ([key]) => this.table(parseKey(key).model, generation));
    await inPostgresTransaction(this.pool, async (client) => {
      await expectCheckpoint(client, checkpoint, from);
      for (const [table, entries] of byTable) {
        const keys = entries.map(([key]) => parseKey(key));
        await client.query(
          `INSERT INTO ${table} (model, shop_id, id, doc) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[])
           ON CONFLICT (model, shop_id, id) DO UPDATE SET doc = excluded.doc`,
          [
            keys.map((k) => k.model),
            keys.map((k) => k.shopId),
            keys.map((k) => k.id),
            entries.map(([, d]) => JSON.stringify(d)),
          ],
        );
      }
      await client.query('UPDATE checkpoints SET position = $2 WHERE projection = $1', [checkpoint, to]);
    });
  }

  async checkpoint(name: string): Promise<number> {
    const { rows } = await this.pool.query('SELECT position FROM checkpoints WHERE projection = $1', [name]);
    return Number(rows[0]?.position ?? 0);
  }

  async versions(): Promise<Versions> {
    const { rows } = await this.pool.query<{ projection: string; version: number }>(
      'SELECT projection, version FROM read_model_versions',
    );
    return Object.fromEntries(rows.map((r) => [r.projection, r.version]));
  }

  async recordVersions(versions: Versions): Promise<void> {
    await inPostgresTransaction(this.pool, async (client) => {
      await client.query('LOCK TABLE read_model_versions IN EXCLUSIVE MODE');
      if ((await client.query('SELECT 1 FROM read_model_versions LIMIT 1')).rowCount) return;
      for (const [name, version] of Object.entries(versions))
        await client.query('INSERT INTO read_model_versions (projection, version) VALUES ($1, $2)', [name, version]);
    });
  }

  async build(): Promise<Build | undefined> {
    const { rows } = await this.pool.query<Build>('SELECT generation, versions FROM read_model_build WHERE id = 1');
    return rows[0] && { generation: rows[0].generation, versions: rows[0].versions };
  }

  async beginBuild(versions: Versions): Promise<Build> {
    return inPostgresTransaction(this.pool, async (client) => {
      await client.query('LOCK TABLE read_model_build IN EXCLUSIVE MODE');
      const { rows } = await client.query<{ generation: number }>('SELECT generation FROM read_model_build');
      for (const { generation } of rows) {
        await client.query(`DROP TABLE IF EXISTS ${tableOf(generation)}`);
        await client.query('DELETE FROM checkpoints WHERE projection = $1', [buildCheckpoint(generation)]);
      }
      const generation = await nextGeneration(client, this.schema);
      await client.query(docsTable(tableOf(generation)));
      await client.query(
        `INSERT INTO read_model_build (id, generation, versions) VALUES (1, $1, $2)
         ON CONFLICT (id) DO UPDATE SET generation = excluded.generation, versions = excluded.versions`,
        [generation, JSON.stringify(versions)],
      );
      await client.query('INSERT INTO checkpoints (projection, position) VALUES ($1, 0)', [
        buildCheckpoint(generation),
      ]);
      return { generation, versions };
    });
  }

  async switchTo(build: Build, models: readonly Model[], position: number): Promise<void> {
    await inPostgresTransaction(this.pool, async (client) => {
      await expectCheckpoint(client, 'read-models', position);
      await expectCheckpoint(client, buildCheckpoint(build.generation), position);
      for (const model of models)
        await client.query(
          'INSERT INTO read_model_routes (model, generation) VALUES ($1, $2) ON CONFLICT (model) DO UPDATE SET generation = excluded.generation',
          [model, build.generation],
        );
      for (const [name, version] of Object.entries(build.versions))
        await client.query(
          'INSERT INTO read_model_versions (projection, version) VALUES ($1, $2) ON CONFLICT (projection) DO UPDATE SET version = excluded.version',
          [name, version],
        );
      // The build projected the shops for its context; they stay live where they were unless rebuilt.
      if (!models.includes('shop')) await client.query(`DELETE FROM ${tableOf(build.generation)} WHERE model = 'shop'`);
      await client.query('DELETE FROM read_model_build');
      await client.query('DELETE FROM checkpoints WHERE projection = $1', [buildCheckpoint(build.generation)]);
    });
    await this.refresh();
    await inPostgresTransaction(this.pool, (client) => dropUnused(client, this.schema));
  }

  async refresh(): Promise<void> {
    this.routes = await readRoutes(this.pool);
  }

  async sweep(): Promise<void> {
    await inPostgresTransaction(this.pool, (client) => dropUnused(client, this.schema));
    const routes = await readRoutes(this.pool);
    for (const [table, models] of strays(routes))
      await this.pool.query(`DELETE FROM ${table} WHERE model = ANY($1::text[])`, [models]);
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

/** Locks the checkpoint's row (made at 0 if none) and checks it is at `position`. */
async function expectCheckpoint(client: PoolClient, name: string, position: number): Promise<void> {
  await client.query('INSERT INTO checkpoints (projection, position) VALUES ($1, 0) ON CONFLICT DO NOTHING', [name]);
  const { rows } = await client.query('SELECT position FROM checkpoints WHERE projection = $1 FOR UPDATE', [name]);
  const stored = Number(rows[0]!.position);
  if (stored !== position) throw new CheckpointMoved(position, stored);
}
