import type Database from 'better-sqlite3';
import { openSqlite } from '@sce/event-store';
import { CheckpointMoved, type DocStore } from './doc-store';
import { keyOf, parseKey, type DocKey, type Model } from './doc-key';

/** Read models in an embedded SQLite file (WAL), beside the event store's. */
export class SqliteDocStore implements DocStore {
  private readonly db: Database.Database;
  private readonly q;

  constructor(path: string) {
    // synchronous NORMAL: after a power cut the documents and their checkpoint are still consistent,
    // at most behind, and the runner projects the rest again from the log.
    this.db = openSqlite(path, 'normal');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS read_docs (model TEXT NOT NULL, shop_id TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (model, shop_id, id)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS checkpoints (projection TEXT PRIMARY KEY, position INTEGER NOT NULL);`);
    const db = this.db;
    this.q = {
      get: db.prepare('SELECT doc FROM read_docs WHERE model = ? AND shop_id = ? AND id = ?').pluck(),
      list: db.prepare('SELECT doc FROM read_docs WHERE model = ? AND shop_id = ? ORDER BY id').pluck(),
      range: db
        .prepare('SELECT doc FROM read_docs WHERE model = ? AND shop_id = ? AND id >= ? AND id < ? ORDER BY id')
        .pluck(),
      listAll: db.prepare('SELECT doc FROM read_docs WHERE model = ? ORDER BY shop_id, id').pluck(),
      put: db.prepare(
        'INSERT INTO read_docs (model, shop_id, id, doc) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET doc = excluded.doc',
      ),
      checkpoint: db.prepare('SELECT position FROM checkpoints WHERE projection = ?').pluck(),
      save: db.prepare(
        'INSERT INTO checkpoints (projection, position) VALUES (?, ?) ON CONFLICT DO UPDATE SET position = excluded.position',
      ),
    };
  }

  async load(keys: DocKey[]): Promise<Map<string, unknown>> {
    const found = new Map<string, unknown>();
    for (const key of keys) {
      const doc = this.q.get.get(key.model, key.shopId, key.id) as string | undefined;
      if (doc !== undefined) found.set(keyOf(key), JSON.parse(doc));
    }
    return found;
  }

  async get<T>(key: DocKey): Promise<T | undefined> {
    const doc = this.q.get.get(key.model, key.shopId, key.id) as string | undefined;
    return doc === undefined ? undefined : (JSON.parse(doc) as T);
  }

  async list<T>(model: Model, shopId?: string): Promise<T[]> {
    const docs = (shopId === undefined ? this.q.listAll.all(model) : this.q.list.all(model, shopId)) as string[];
    return docs.map((doc) => JSON.parse(doc) as T);
  }

  async listRange<T>(model: Model, shopId: string, fromId: string, toId: string): Promise<T[]> {
    return (this.q.range.all(model, shopId, fromId, toId) as string[]).map((doc) => JSON.parse(doc) as T);
  }

  async commit(changes: Map<string, unknown>, projection: string, from: number, to: number): Promise<void> {
    this.db
      .transaction(() => {
        const stored = (this.q.checkpoint.get(projection) as number | undefined) ?? 0;
        if (stored !== from) throw new CheckpointMoved(from, stored);
        for (const [key, doc] of changes) {
          const { model, shopId, id } = parseKey(key);
          this.q.put.run(model, shopId, id, JSON.stringify(doc));
        }
        this.q.save.run(projection, to);
      })
      .immediate();
  }

  async checkpoint(projection: string): Promise<number> {
    return (this.q.checkpoint.get(projection) as number | undefined) ?? 0;
  }

  async reset(projection: string): Promise<void> {
    this.db
      .transaction(() => {
        this.db.prepare('DELETE FROM read_docs').run();
        this.db.prepare('DELETE FROM checkpoints WHERE projection = ?').run(projection);
      })
      .immediate();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
