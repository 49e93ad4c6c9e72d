import type { DocKey, Model } from './doc-key';
import type { Build, Versions } from './generation';
import type { Group, IndexedField, Page, PageQuery, Where } from './indexed-reads';

/**
 * Where read-model documents live, in generations (see `generation.ts`): reads and the live runner
 * see each model's live generation; a build writes its own, beside them. `commit` writes changed
 * documents and a checkpoint in one transaction: after a crash the documents and the checkpoint
 * always agree.
 */
export interface DocStore {
  /** The documents of `keys`: each from its model's live generation, or all from `generation`. */
  load(keys: DocKey[], generation?: number): Promise<Map<string, unknown>>;
  get<T>(key: DocKey): Promise<T | undefined>;
  /** All documents of a model for a shop (`*` for campaigns), or for every shop when shopId is omitted. */
  list<T>(model: Model, shopId?: string): Promise<T[]>;
  /** Documents of a model for a shop whose ids are in [fromId, toId), in id order. */
  listRange<T>(model: Model, shopId: string, fromId: string, toId: string): Promise<T[]>;
  /**
   * How many distinct ids a shop's documents of `model` in [fromId, toId) have once their first
   * `skip` characters are cut: who was seen on any of a range of days (`d:<date>:<who>`), counted
   * from the ids alone, no document read.
   */
  countDistinct(model: Model, shopId: string, fromId: string, toId: string, skip: number): Promise<number>;
  /**
   * A page of a model's documents for a shop matching `where`, ordered by the field `by` then by id
   * (`desc`: both reversed), starting just past `after`. Documents where `by` is null or absent are
   * not paged. Strings compare by their UTF-8 bytes (as JS compares the ASCII of ids, dates, instants).
   * Served by an index on each field (`INDEXED`): its cost follows the page, not the shop's history.
   * @throws Error when a field it names is not indexed for the model.
   */
  page<T>(model: Model, shopId: string, query: PageQuery): Promise<Page<T>>;
  /**
   * How many of a model's documents for a shop match `where`, by their values of the fields `by`
   * (none: one group of all); groups of no document are left out.
   * @throws Error when a field it names is not indexed for the model.
   */
  countBy(model: Model, shopId: string, by: readonly IndexedField[], where?: Where): Promise<Group[]>;
  /**
   * Writes `changes` (each to its model's live generation, or all to `generation`) and moves the
   * checkpoint `checkpoint` from `from` to `to`, in one transaction.
   * @throws CheckpointMoved when the stored checkpoint is not `from`: another runner got there first.
   */
  commit(
    changes: Map<string, unknown>,
    checkpoint: string,
    from: number,
    to: number,
    generation?: number,
  ): Promise<void>;
  checkpoint(name: string): Promise<number>;
  /** The version of each projection whose documents are live; empty for a store that never recorded one. */
  versions(): Promise<Versions>;
  /** Records `versions` as live where none are stored: a fresh store's documents are the code's. */
  recordVersions(versions: Versions): Promise<void>;
  /** The build under way, if any (another engine's too, on a shared store). */
  build(): Promise<Build | undefined>;
  /** Starts a build of `versions` into a new, empty generation; a build under way is abandoned. */
  beginBuild(versions: Versions): Promise<Build>;
  /**
   * In one transaction: `models` are served from the build's generation and its versions are live;
   * then the generations no model is served from are dropped (whole tables, no row-by-row delete).
   * The documents it leaves in a generation other models are still served from go with `sweep`.
   * @throws CheckpointMoved unless the live read models and the build are both at `position`.
   */
  switchTo(build: Build, models: readonly Model[], position: number): Promise<void>;
  /** Reads the routes again: another engine sharing the store may have switched. */
  refresh(): Promise<void>;
  /**
   * Drops the tables of generations neither served nor being built, and deletes from the others the
   * documents of models served elsewhere: what switches left. Run a while after a switch, once the
   * other engines sharing the store have read the routes again (until then they still read those).
   */
  sweep(): Promise<void>;
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
