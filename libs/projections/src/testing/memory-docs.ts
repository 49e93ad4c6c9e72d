import type { StoredEvent } from '@sce/event-store';
import { keyOf, parseKey, type DocKey, type Model } from '../doc-key';
import type { DocStore } from '../doc-store';
import { countOf, pageOf, type IndexedField, type PageQuery, type Where } from '../indexed-reads';
import { replay } from '../project-batch';

/** The read models of a full replay of `events`, as a read-only store for the queries' specs. */
export async function replayedDocs(events: StoredEvent[]): Promise<DocStore> {
  const docs = await replay(events);
  const sorted = [...docs].sort(([a], [b]) => a.localeCompare(b));
  const ofShop = (model: Model, shopId: string) =>
    sorted.flatMap(([key, doc]) => {
      const k = parseKey(key);
      return k.model === model && k.shopId === shopId ? [[k.id, doc] as [string, unknown]] : [];
    });
  const refuse = () => Promise.reject(new Error('a replayed store is read-only'));
  return {
    load: async (keys: DocKey[]) =>
      new Map(keys.flatMap((k) => (docs.has(keyOf(k)) ? [[keyOf(k), docs.get(keyOf(k))]] : []))),
    get: async <T>(key: DocKey) => docs.get(keyOf(key)) as T | undefined,
    list: async <T>(model: Model, shopId?: string) =>
      sorted
        .filter(([key]) => parseKey(key).model === model && (shopId === undefined || parseKey(key).shopId === shopId))
        .map(([, doc]) => doc as T),
    listRange: async <T>(model: Model, shopId: string, fromId: string, toId: string) =>
      sorted
        .filter(([key]) => {
          const k = parseKey(key);
          return k.model === model && k.shopId === shopId && fromId <= k.id && k.id < toId;
        })
        .map(([, doc]) => doc as T),
    countDistinct: async (model: Model, shopId: string, fromId: string, toId: string, skip: number) =>
      new Set(
        ofShop(model, shopId)
          .map(([id]) => id)
          .filter((id) => fromId <= id && id < toId)
          .map((id) => id.slice(skip)),
      ).size,
    page: async <T>(model: Model, shopId: string, query: PageQuery) => pageOf<T>(model, ofShop(model, shopId), query),
    countBy: async (model: Model, shopId: string, by: readonly IndexedField[], where?: Where) =>
      countOf(
        model,
        ofShop(model, shopId).map(([, doc]) => doc),
        by,
        where,
      ),
    commit: refuse,
    checkpoint: async () => 0,
    versions: async () => ({}),
    recordVersions: refuse,
    build: async () => undefined,
    beginBuild: refuse,
    switchTo: refuse,
    refresh: async () => undefined,
    sweep: refuse,
    close: async () => undefined,
  };
}
