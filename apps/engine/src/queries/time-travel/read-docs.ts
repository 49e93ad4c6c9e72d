import { AsyncLocalStorage } from 'node:async_hooks';
import type { DocStore } from '@sce/projections';

const refuse = (): Promise<never> => Promise.reject(new Error('queries do not write read models'));

/**
 * The read models a query reads: the live ones, or, inside `replayedFor`, a time-travel replay.
 * Every query handler reads through this, so a route answers "as known then" without knowing it.
 */
export class ReadDocs implements DocStore {
  private readonly replayed = new AsyncLocalStorage<DocStore>();

  constructor(private readonly live: DocStore) {}

  /** Runs `work` (a whole request) with the replayed documents in place of the live ones. */
  replayedFor<T>(docs: DocStore, work: () => Promise<T>): Promise<T> {
    return this.replayed.run(docs, work);
  }

  private get docs(): DocStore {
    return this.replayed.getStore() ?? this.live;
  }

  load: DocStore['load'] = (keys) => this.docs.load(keys);
  get: DocStore['get'] = (key) => this.docs.get(key);
  list: DocStore['list'] = (model, shopId) => this.docs.list(model, shopId);
  listRange: DocStore['listRange'] = (model, shopId, fromId, toId) => this.docs.listRange(model, shopId, fromId, toId);
  countDistinct: DocStore['countDistinct'] = (model, shopId, fromId, toId, skip) =>
    this.docs.countDistinct(model, shopId, fromId, toId, skip);
  page: DocStore['page'] = (model, shopId, query) => this.docs.page(model, shopId, query);
  countBy: DocStore['countBy'] = (model, shopId, by, where) => this.docs.countBy(model, shopId, by, where);
  checkpoint: DocStore['checkpoint'] = (projection) => this.docs.checkpoint(projection);

  versions: DocStore['versions'] = () => this.docs.versions();
  build: DocStore['build'] = () => this.docs.build();

  commit = refuse;
  recordVersions = refuse;
  beginBuild = refuse;
  switchTo = refuse;
  refresh = refuse;
  sweep = refuse;

  async close(): Promise<void> {
    // The live store is closed by its owner.
  }
}
