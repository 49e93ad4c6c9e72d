import { keyOf, parseKey, type DocKey, type Model } from '../doc-key';
import { CheckpointMoved, type DocStore } from '../doc-store';
import type { Build, Versions } from '../generation';
import {
  countOf,
  pageOf,
  type Group,
  type IndexedField,
  type Page,
  type PageQuery,
  type Where,
} from '../indexed-reads';

/**
 * Read-model documents in memory, indexed by model and shop: the isolated target of a replay that
 * answers "as the engine knew it then". Never the live read models; gone with the process.
 */
export class MemoryDocStore implements DocStore {
  /** model ␀ shop → id → document. */
  private readonly byShop = new Map<string, Map<string, unknown>>();
  private readonly checkpoints = new Map<string, number>();
  private recorded: Versions = {};

  private bucket(model: Model, shopId: string, create = false): Map<string, unknown> | undefined {
    const name = `${model}\u0000${shopId}`;
    let bucket = this.byShop.get(name);
    if (!bucket && create) this.byShop.set(name, (bucket = new Map()));
    return bucket;
  }

  async load(keys: DocKey[]): Promise<Map<string, unknown>> {
    const found = new Map<string, unknown>();
    for (const key of keys) {
      const doc = this.bucket(key.model, key.shopId)?.get(key.id);
      if (doc !== undefined) found.set(keyOf(key), doc);
    }
    return found;
  }

  async get<T>(key: DocKey): Promise<T | undefined> {
    return this.bucket(key.model, key.shopId)?.get(key.id) as T | undefined;
  }

  async list<T>(model: Model, shopId?: string): Promise<T[]> {
    if (shopId !== undefined) return sortedById(this.bucket(model, shopId)) as T[];
    const prefix = `${model}\u0000`;
    return [...this.byShop.entries()]
      .filter(([name]) => name.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .flatMap(([, bucket]) => sortedById(bucket)) as T[];
  }

  async listRange<T>(model: Model, shopId: string, fromId: string, toId: string): Promise<T[]> {
    const bucket = this.bucket(model, shopId);
    if (!bucket) return [];
    const ids = [...bucket.keys()].filter((id) => id >= fromId && id < toId).sort();
    return ids.map((id) => bucket.get(id)) as T[];
  }

  async countDistinct(model: Model, shopId: string, fromId: string, toId: string, skip: number): Promise<number> {
    const ids = [...(this.bucket(model, shopId)?.keys() ?? [])].filter((id) => id >= fromId && id < toId);
    return new Set(ids.map((id) => id.slice(skip))).size;
  }

  async page<T>(model: Model, shopId: string, query: PageQuery): Promise<Page<T>> {
    return pageOf<T>(model, this.bucket(model, shopId)?.entries() ?? [], query);
  }

  async countBy(model: Model, shopId: string, by: readonly IndexedField[], where?: Where): Promise<Group[]> {
    return countOf(model, this.bucket(model, shopId)?.values() ?? [], by, where);
  }

  async commit(changes: Map<string, unknown>, projection: string, from: number, to: number): Promise<void> {
    const stored = this.checkpoints.get(projection) ?? 0;
    if (stored !== from) throw new CheckpointMoved(from, stored);
    for (const [key, doc] of changes) {
      const { model, shopId, id } = parseKey(key);
      this.bucket(model, shopId, true)!.set(id, doc);
    }
    this.checkpoints.set(projection, to);
  }

  async checkpoint(projection: string): Promise<number> {
    return this.checkpoints.get(projection) ?? 0;
  }

  async versions(): Promise<Versions> {
    return { ...this.recorded };
  }

  async recordVersions(versions: Versions): Promise<void> {
    if (!Object.keys(this.recorded).length) this.recorded = { ...versions };
  }

  /** A replay in memory is built whole by the code it runs: one generation, never a build beside it. */
  async build(): Promise<Build | undefined> {
    return undefined;
  }

  beginBuild(): Promise<Build> {
    return Promise.reject(new Error('a memory store has one generation: replay it again instead'));
  }

  switchTo(): Promise<void> {
    return this.beginBuild().then(() => undefined);
  }

  /** Nothing to read again or drop: the one generation is this map. */
  refresh = (): Promise<void> => Promise.resolve();
  sweep = (): Promise<void> => Promise.resolve();

  /** Every document, by `keyOf` id: what a replay wrote, to copy into a store on disk. */
  documents(): Map<string, unknown> {
    const all = new Map<string, unknown>();
    for (const [name, bucket] of this.byShop) for (const [id, doc] of bucket) all.set(`${name}\u0000${id}`, doc);
    return all;
  }

  async close(): Promise<void> {
    this.byShop.clear();
  }
}

function sortedById(bucket: Map<string, unknown> | undefined): unknown[] {
  if (!bucket) return [];
  return [...bucket.keys()].sort().map((id) => bucket.get(id));
}
