import type { DocKey, Model } from './doc-key';

/**
 * Where read-model documents live. `commit` writes changed documents and the projection's
 * checkpoint in one transaction: after a crash the documents and the checkpoint always agree.
 */
export interface DocStore {
  load(keys: DocKey[]): Promise<Map<string, unknown>>;
  get<T>(key: DocKey): Promise<T | undefined>;
  /** All documents of a model for a shop (`*` for campaigns), or for every shop when shopId is omitted. */
  list<T>(model: Model, shopId?: string): Promise<T[]>;
  /**
   * Writes `changes` and moves the checkpoint from `from` to `to`, in one transaction.
   * @throws CheckpointMoved when the stored checkpoint is not `from`: another runner got there first.
   */
  /** Documents of a model for a shop whose ids are in [fromId, toId), in id order. */
  listRange<T>(model: Model, shopId: string, fromId: string, toId: string): Promise<T[]>;
  commit(changes: Map<string, unknown>, projection: string, from: number, to: number): Promise<void>;
  checkpoint(projection: string): Promise<number>;
  /** Drops every document and the checkpoint: the next run rebuilds from the start of the log. */
  reset(projection: string): Promise<void>;
  /**
   * Asks to be the one runner projecting into this store. Stores shared by several engines answer
   * false while another holds it; a store only one process uses may leave this out (always leads).
   */
  tryLead?(projection: string): Promise<boolean>;
  close(): Promise<void>;
}

/** Another runner moved the checkpoint: this batch was computed on stale documents and is dropped. */
export class CheckpointMoved extends Error {
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`the read-model checkpoint is at ${actual}, not ${expected}: another runner moved it`);
  }
}
