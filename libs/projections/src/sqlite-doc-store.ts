import type Database from 'better-sqlite3';
import { openSqlite } from '@sce/event-store';
import { CheckpointMoved, type DocStore } from './doc-store';
import { keyOf, parseKey, type DocKey, type Model } from './doc-key';
import type { Group, IndexedField, Page, PageQuery, Where } from './indexed-reads';
import { countSql, groupsOf, pageFrom, pageSql, Statements } from './indexed-sql';
import { docsTable, SQLITE } from './sqlite-tables';
import {
  buildCheckpoint,
  generationOf,
  generationsInUse,
  strays,
  tableOf,
  type Build,
  type Versions,
} from './generation';

/** Read models in an embedded SQLite file (WAL), beside the event store's; one table per generation. */
export class SqliteDocStore implements DocStore {
  private readonly db: Database.Database;
  private readonly q;
  private readonly byTable = new Map<string, ReturnType<SqliteDocStore['prepare']>>();
  private routes = new Map<Model, number>();
  private readonly indexed = new Statements((sql) => this.db.prepare(sql));

  constructor(path: string) {
    // synchronous NORMAL: after a power cut the documents and their checkpoint are still consistent,
    // at most behind, and the runner projects the rest again from the log.
    this.db = openSqlite(path, 'normal');
    this.db.exec(`${docsTable('read_docs')};
      CREATE TABLE IF NOT EXISTS checkpoints (projection TEXT PRIMARY KEY, position INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS read_model_routes (model TEXT PRIMARY KEY, generation INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS read_model_versions (projection TEXT PRIMARY KEY, version INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS read_model_build (id INTEGER PRIMARY KEY CHECK (id = 1), generation INTEGER NOT NULL, versions TEXT NOT NULL);`);
    const db = this.db;
    this.q = {
      checkpoint: db.prepare('SELECT position FROM checkpoints WHERE projection = ?').pluck(),
      save: db.prepare(
        'INSERT INTO checkpoints (projection, position) VALUES (?, ?) ON CONFLICT DO UPDATE SET position = excluded.position',
      ),
      routes: db.prepare('SELECT model, generation FROM read_model_routes'),
      route: db.prepare(
        'INSERT INTO read_model_routes (model, generation) VALUES (?, ?) ON CONFLICT DO UPDATE SET generation = excluded.generation',
      ),
      versions: db.prepare('SELECT projection, version FROM read_model_versions'),
      version: db.prepare(
        'INSERT INTO read_model_versions (projection, version) VALUES (?, ?) ON CONFLICT DO UPDATE SET version = excluded.version',
      ),
      build: db.prepare('SELECT generation, versions FROM read_model_build WHERE id = 1'),
      tables: db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'read_docs%'").pluck(),
    };
    // Generations made before their indexes were declared get them now.
    for (const generation of this.generations()) this.db.exec(docsTable(tableOf(generation)));
    this.readRoutes();
  }

  private prepare(table: string) {
    return {
      get: this.db.prepare(`SELECT doc FROM ${table} WHERE model = ? AND shop_id = ? AND id = ?`).pluck(),
      list: this.db.prepare(`SELECT doc FROM ${table} WHERE model = ? AND shop_id = ? ORDER BY id`).pluck(),
      range: this.db
        .prepare(`SELECT doc FROM ${table} WHERE model = ? AND shop_id = ? AND id >= ? AND id < ? ORDER BY id`)
        .pluck(),
      distinct: this.db
        .prepare(
          `SELECT count(DISTINCT substr(id, ? + 1)) FROM ${table} WHERE model = ? AND shop_id = ? AND id >= ? AND id < ?`,
        )
        .pluck(),
      listAll: this.db.prepare(`SELECT doc FROM ${table} WHERE model = ? ORDER BY shop_id, id`).pluck(),
      put: this.db.prepare(
        `INSERT INTO ${table} (model, shop_id, id, doc) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET doc = excluded.doc`,
      ),
    };
  }

  /** The statements of a generation's table (live: the model's route). */
  private of(model: Model, generation = this.routes.get(model) ?? 0) {
    const table = tableOf(generation);
    let q = this.byTable.get(table);
    if (!q) this.byTable.set(table, (q = this.prepare(table)));
    return q;
  }

  private readRoutes(): void {
    const rows = this.q.routes.all() as { model: Model; generation: number }[];
    this.routes = new Map(rows.map((r) => [r.model, r.generation]));
  }

  async load(keys: DocKey[], generation?: number): Promise<Map<string, unknown>> {
    const found = new Map<string, unknown>();
    for (const key of keys) {
      const doc = this.of(key.model, generation).get.get(key.model, key.shopId, key.id) as string | undefined;
      if (doc !== undefined) found.set(keyOf(key), JSON.parse(doc));
    }
    return found;
  }

  async get<T>(key: DocKey): Promise<T | undefined> {
    const doc = this.of(key.model).get.get(key.model, key.shopId, key.id) as string | undefined;
    return doc === undefined ? undefined : (JSON.parse(doc) as T);
  }

  async list<T>(model: Model, shopId?: string): Promise<T[]> {
    const q = this.of(model);
    const docs = (shopId === undefined ? q.listAll.all(model) : q.list.all(model, shopId)) as string[];
    return docs.map((doc) => JSON.parse(doc) as T);
  }

  async countDistinct(model: Model, shopId: string, fromId: string, toId: string, skip: number): Promise<number> {
    return this.of(model).distinct.get(skip, model, shopId, fromId, toId) as number;
  }

  async listRange<T>(model: Model, shopId: string, fromId: string, toId: string): Promise<T[]> {
    return (this.of(model).range.all(model, shopId, fromId, toId) as string[]).map((doc) => JSON.parse(doc) as T);
  }

  async page<T>(model: Model, shopId: string, query: PageQuery): Promise<Page<T>> {
    const { sql, params } = pageSql(SQLITE, this.liveTable(model), model, shopId, query);
    const rows = this.indexed.of(sql).all(...params) as { v: string; id: string; doc: string }[];
    return pageFrom(
      rows.map((r) => ({ ...r, doc: JSON.parse(r.doc) as T })),
      query.limit,
    );
  }

  async countBy(model: Model, shopId: string, by: readonly IndexedField[], where?: Where): Promise<Group[]> {
    const { sql, params } = countSql(SQLITE, this.liveTable(model), model, shopId, by, where);
    return groupsOf(this.indexed.of(sql).all(...params) as Record<string, unknown>[], by);
  }

  private liveTable(model: Model): string {
    return tableOf(this.routes.get(model) ?? 0);
  }

  async commit(
    changes: Map<string, unknown>,
    checkpoint: string,
    from: number,
    to: number,
    generation?: number,
  ): Promise<void> {
    this.db
      .transaction(() => {
        const stored = (this.q.checkpoint.get(checkpoint) as number | undefined) ?? 0;
        if (stored !== from) throw new CheckpointMoved(from, stored);
        for (const [key, doc] of changes) {
          const { model, shopId, id } = parseKey(key);
          this.of(model, generation).put.run(model, shopId, id, JSON.stringify(doc));
        }
        this.q.save.run(checkpoint, to);
      })
      .immediate();
  }

  async checkpoint(name: string): Promise<number> {
    return (this.q.checkpoint.get(name) as number | undefined) ?? 0;
  }

  async versions(): Promise<Versions> {
    const rows = this.q.versions.all() as { projection: string; version: number }[];
    return Object.fromEntries(rows.map((r) => [r.projection, r.version]));
  }

  async recordVersions(versions: Versions): Promise<void> {
    this.db.transaction(() => {
      if (this.q.versions.all().length) return;
      for (const [name, version] of Object.entries(versions)) this.q.version.run(name, version);
    })();
  }

  async build(): Promise<Build | undefined> {
    const row = this.q.build.get() as { generation: number; versions: string } | undefined;
    return row && { generation: row.generation, versions: JSON.parse(row.versions) as Versions };
  }

  async beginBuild(versions: Versions): Promise<Build> {
    return this.db
      .transaction(() => {
        const abandoned = this.q.build.get() as { generation: number } | undefined;
        if (abandoned) this.dropGeneration(abandoned.generation);
        const generation = Math.max(0, ...this.generations(), ...this.routes.values()) + 1;
        this.db.exec(docsTable(tableOf(generation)));
        this.db
          .prepare('INSERT OR REPLACE INTO read_model_build (id, generation, versions) VALUES (1, ?, ?)')
          .run(generation, JSON.stringify(versions));
        this.q.save.run(buildCheckpoint(generation), 0);
        return { generation, versions };
      })
      .immediate();
  }

  async switchTo(build: Build, models: readonly Model[], position: number): Promise<void> {
    this.db
      .transaction(() => {
        for (const name of ['read-models', buildCheckpoint(build.generation)]) {
          const stored = (this.q.checkpoint.get(name) as number | undefined) ?? 0;
          if (stored !== position) throw new CheckpointMoved(position, stored);
        }
        for (const model of models) this.q.route.run(model, build.generation);
        for (const [name, version] of Object.entries(build.versions)) this.q.version.run(name, version);
        // The build projected the shops for its context; they stay live where they were unless rebuilt.
        if (!models.includes('shop'))
          this.db.prepare(`DELETE FROM ${tableOf(build.generation)} WHERE model = 'shop'`).run();
        this.db.prepare('DELETE FROM read_model_build').run();
        this.db.prepare('DELETE FROM checkpoints WHERE projection = ?').run(buildCheckpoint(build.generation));
        this.readRoutes();
        this.dropUnusedNow();
      })
      .immediate();
  }

  async refresh(): Promise<void> {
    this.readRoutes();
  }

  async sweep(): Promise<void> {
    this.db
      .transaction(() => {
        this.dropUnusedNow();
        // By the primary key's leading column: an index range per model.
        for (const [table, models] of strays(this.routes))
          for (const model of models) this.db.prepare(`DELETE FROM ${table} WHERE model = ?`).run(model);
      })
      .immediate();
  }

  private dropUnusedNow(): void {
    const building = (this.q.build.get() as { generation: number } | undefined)?.generation;
    const used = generationsInUse(this.routes);
    for (const generation of this.generations())
      if (!used.has(generation) && generation !== building) this.dropGeneration(generation);
  }

  private generations(): number[] {
    return (this.q.tables.all() as string[]).flatMap((t) => generationOf(t) ?? []);
  }

  private dropGeneration(generation: number): void {
    this.byTable.delete(tableOf(generation));
    this.indexed.clear();
    this.db.exec(`DROP TABLE IF EXISTS ${tableOf(generation)}`);
    this.db.prepare('DELETE FROM checkpoints WHERE projection = ?').run(buildCheckpoint(generation));
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
