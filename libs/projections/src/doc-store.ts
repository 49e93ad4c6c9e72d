import type { DocKey, Model } from './docs';

/**
 * Where read-model documents live. `commit` writes changed documents and the projection's
 * checkpoint in one transaction: after a crash the documents and the checkpoint always agree.
 */
export interface DocStore {
  load(keys: DocKey[]): Promise<Map<string, unknown>>;
  get<T>(key: DocKey): Promise<T | undefined>;
  /** All documents of a model for a shop (`*` for campaigns), or for every shop when shopId is omitted. */
  list<T>(model: Model, shopId?: string): Promise<T[]>;
  commit(changes: Map<string, unknown>, projection: string, position: number): Promise<void>;
  checkpoint(projection: string): Promise<number>;
  /** Drops every document and the checkpoint: the next run rebuilds from the start of the log. */
  reset(projection: string): Promise<void>;
  close(): Promise<void>;
}
