import { MODELS, type Model } from './doc-key';

/**
 * A generation is one table of documents. Each model is served from one generation at a time (its
 * route); a model no route names is in generation 0, the table of stores older than generations.
 * A build projects some projections from the start of the log into a new generation, beside the
 * live ones, and the switch moves their models' routes to it in one transaction.
 */
export type Versions = Record<string, number>;

/** A build under way: its generation and the projections it builds, at the versions it builds. */
export interface Build {
  readonly generation: number;
  readonly versions: Versions;
}

/** The table of a generation's documents. */
export const tableOf = (generation: number) => (generation === 0 ? 'read_docs' : `read_docs_${generation}`);

/** The generation of a table `tableOf` named, or undefined for any other table. */
export function generationOf(table: string): number | undefined {
  if (table === 'read_docs') return 0;
  const match = /^read_docs_(\d+)$/.exec(table);
  return match ? Number(match[1]) : undefined;
}

/** The checkpoint of a build, beside the live read models' own. */
export const buildCheckpoint = (generation: number) => `read-models@${generation}`;

/** The generations some model is served from: the others' tables can go. */
export function generationsInUse(routes: ReadonlyMap<Model, number>): Set<number> {
  return new Set(MODELS.map((model) => routes.get(model) ?? 0));
}

/** What one engine may see of the build under way and the live versions, for `/health` and the CLI. */
export interface BuildProgress {
  readonly generation: number;
  readonly versions: Versions;
  /** The build's checkpoint, and the live position it must reach before the switch. */
  readonly position: number;
  readonly target: number;
}

/** `items` grouped by `keyOf`, in first-seen order (Map.groupBy, which Node 20 lacks). */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const group = groups.get(keyOf(item));
    if (group) group.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return groups;
}

/**
 * The documents left in generations still in use by models now served from another (what a switch
 * of some models leaves behind): by table, the models to delete there. A table no model is served
 * from is dropped whole instead.
 */
export function strays(routes: ReadonlyMap<Model, number>): Map<string, Model[]> {
  const left = new Map<string, Model[]>();
  for (const generation of generationsInUse(routes))
    left.set(
      tableOf(generation),
      MODELS.filter((model) => (routes.get(model) ?? 0) !== generation),
    );
  return left;
}
