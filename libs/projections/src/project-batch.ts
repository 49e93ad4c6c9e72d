import type { StoredEvent } from '@sce/event-store';
import { keyOf, type DocKey } from './doc-key';
import type { Projected, ShopContext } from './projection';
import { READ_MODEL_PROJECTIONS, SHOP_PROJECTION, type AnyProjection } from './registry';
import { shopContext, shopKey, type ShopDoc } from './shop/shop.projection';

/** Where a batch's documents come from: the doc store, or nothing for a replay from the start. */
export type LoadDocs = (keys: DocKey[]) => Promise<Map<string, unknown>>;

/** A batch's documents, by `keyOf` id: as loaded, and as the batch has changed them so far. */
class BatchDocs {
  private readonly loaded = new Map<string, unknown>();
  readonly changes = new Map<string, unknown>();

  constructor(private readonly load: LoadDocs) {}

  /** Loads those of `keys` not loaded yet, in one call. */
  async fetch(keys: { key: DocKey; id: string }[]): Promise<void> {
    const missing = new Map<string, DocKey>();
    for (const { key, id } of keys) if (!this.loaded.has(id) && !this.changes.has(id)) missing.set(id, key);
    if (!missing.size) return;
    const found = await this.load([...missing.values()]);
    for (const id of missing.keys()) this.loaded.set(id, found.get(id));
  }

  get(id: string): unknown {
    return this.changes.has(id) ? this.changes.get(id) : this.loaded.get(id);
  }

  put(id: string, doc: unknown): void {
    this.changes.set(id, doc);
  }
}

/** A document one evolve looks at: its name in the projection, its key and the key's id. */
interface Slot {
  name: string;
  key: DocKey;
  id: string;
}

interface Step {
  projection: AnyProjection;
  event: Projected;
  shop: ShopContext;
  slots: Slot[];
}

const slot = (key: DocKey, name = '') => ({ name, key, id: keyOf(key) });

const shopIdOf = (event: StoredEvent) => (event.data as { shopId?: string }).shopId;

/** The event's shop as it stands in `docs` (`*` and UTC for an event of no shop). */
function contextOf(event: StoredEvent, docs: BatchDocs): ShopContext {
  const shopId = shopIdOf(event);
  return shopContext(shopId ?? '*', shopId ? (docs.get(keyOf(shopKey(shopId))) as ShopDoc | undefined) : undefined);
}

/** The evolves `event` asks of `projection`: one per set of documents it names. */
function stepsOf(projection: AnyProjection, event: Projected, shop: ShopContext): Step[] {
  if (!projection.canHandle(event.type)) return [];
  return projection.documents(event, shop).map((keys) => {
    const slots: Slot[] = [];
    for (const name in keys) if (keys[name]) slots.push(slot(keys[name], name));
    return { projection, event, shop, slots };
  });
}

/** One evolve: the documents the step names, as they are, in; the changed ones written back. */
function run({ projection, event, shop, slots }: Step, docs: BatchDocs): void {
  const found: Record<string, unknown> = {};
  for (const { name, id } of slots) found[name] = docs.get(id);
  const changed = projection.evolve(found, event, shop);
  for (const name in changed) {
    const to = slots.find((s) => s.name === name);
    if (!to) throw new Error(`projection ${projection.name} changed "${name}", a document it did not name`);
    docs.put(to.id, changed[name]);
  }
}

/**
 * Projects `batch` onto the documents `load` gives and returns the changed documents by key. The
 * shop's projection goes first, event by event, so that each event is projected with its shop as it
 * stood then; the documents of `readModels` (by default every read model; a build names the ones it
 * builds) are then loaded at once and evolved in log order.
 */
export async function projectBatch(
  batch: StoredEvent[],
  load: LoadDocs,
  readModels: readonly AnyProjection[] = READ_MODEL_PROJECTIONS,
): Promise<Map<string, unknown>> {
  const docs = new BatchDocs(load);
  // The shop projection's documents are the shops' own: loaded first, they give every event its context.
  await docs.fetch(batch.flatMap((event) => (shopIdOf(event) ? [slot(shopKey(shopIdOf(event)!))] : [])));
  const steps: Step[] = [];
  for (const stored of batch) {
    const event = stored as Projected;
    let shop = contextOf(stored, docs);
    if (SHOP_PROJECTION.canHandle(event.type)) {
      for (const step of stepsOf(SHOP_PROJECTION, event, shop)) run(step, docs);
      shop = contextOf(stored, docs);
    }
    for (const projection of readModels) steps.push(...stepsOf(projection, event, shop));
  }
  await docs.fetch(steps.flatMap((step) => step.slots));
  for (const step of steps) run(step, docs);
  return docs.changes;
}

/** The read models of a whole history, folded in memory: what the runner must always equal. */
export function replay(
  events: StoredEvent[],
  readModels: readonly AnyProjection[] = READ_MODEL_PROJECTIONS,
): Promise<Map<string, unknown>> {
  return projectBatch(events, async () => new Map(), readModels);
}
