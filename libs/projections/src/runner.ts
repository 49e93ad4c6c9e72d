import { subscribe, type EventStore, type StoredEvent, type Subscription } from '@sce/event-store';
import { CheckpointMoved, type DocStore } from './doc-store';
import { keyOf, type DocKey, type ShopDoc } from './docs';
import { keysFor } from './keys';
import { applyEvent, type DocView } from './reducer';

export const READ_MODELS = 'read-models';

/**
 * Follows the event log from the stored checkpoint and keeps the read models: per batch it loads
 * the documents the events touch, applies the events in order, and commits documents and
 * checkpoint together. `waitFor(position)` lets a caller read its own writes.
 */
export class ProjectionRunner {
  private subscription?: Subscription;
  private readonly zones = new Map<string, string>();
  private waiters: { position: number; resolve: () => void }[] = [];
  private stopped = false;
  private following?: NodeJS.Timeout;
  position = 0;
  /** This runner projects (it holds the lead where a store is shared); others follow it. */
  leading = false;

  constructor(
    private readonly events: EventStore,
    private readonly docs: DocStore,
    private readonly options: {
      batchSize?: number;
      /** See SubscriptionOptions.lingerMs: fewer, larger read-model commits under load. */
      lingerMs?: number;
      onError?: (error: unknown) => void;
    } = {},
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    this.position = await this.docs.checkpoint(READ_MODELS);
    if (this.docs.tryLead && !(await this.docs.tryLead(READ_MODELS))) return this.follow();
    this.leading = true;
    this.zones.clear();
    for (const shop of await this.docs.list<ShopDoc>('shop')) this.zones.set(shop.shopId, shop.timeZone);
    const subscription = subscribe(
      this.events,
      { after: this.position, batchSize: this.options.batchSize ?? 2000, idleMs: 500, lingerMs: this.options.lingerMs },
      (batch) => this.apply(batch),
    );
    this.subscription = subscription;
    subscription.done.catch((error: unknown) => {
      if (error instanceof CheckpointMoved && !this.stopped) return this.restartSoon();
      this.options.onError?.(error);
    });
  }

  /**
   * Another engine leads: keep `position` at the stored checkpoint (so `waitFor` still works here)
   * and ask again to lead now and then, so projecting goes on when that engine stops.
   */
  private follow(): void {
    this.leading = false;
    let polls = 0;
    const tick = async () => {
      if (this.stopped) return;
      this.position = await this.docs.checkpoint(READ_MODELS);
      this.release(this.position);
      if (++polls % 10 === 0 && this.docs.tryLead && (await this.docs.tryLead(READ_MODELS)))
        return void (await this.start());
      this.following = setTimeout(() => void tick().catch((error: unknown) => this.options.onError?.(error)), 200);
    };
    this.following = setTimeout(() => void tick().catch((error: unknown) => this.options.onError?.(error)), 200);
  }

  /** Another engine projected first: follow again from where it got to. */
  private restartSoon(): void {
    setTimeout(() => {
      if (!this.stopped) this.start().catch((error: unknown) => this.options.onError?.(error));
    }, 50);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.leading = false;
    clearTimeout(this.following);
    await this.subscription?.stop();
    for (const w of this.waiters) w.resolve();
    this.waiters = [];
  }

  /** Drops the read models and projects the whole log again. */
  async rebuild(): Promise<void> {
    await this.stop();
    await this.docs.reset(READ_MODELS);
    await this.start();
    await this.waitFor(await this.events.headPosition(), 600_000);
  }

  /** Resolves once the read models include `position`, or after `timeoutMs` (false then). */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.position >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(this.position >= position), timeoutMs);
      this.waiters.push({ position, resolve: () => (clearTimeout(timer), resolve(this.position >= position)) });
    });
  }

  private release(position: number): void {
    const ready = this.waiters.filter((w) => w.position <= position);
    this.waiters = this.waiters.filter((w) => w.position > position);
    for (const w of ready) w.resolve();
  }

  private async apply(batch: StoredEvent[]): Promise<void> {
    const keys = new Map<string, DocKey>();
    for (const event of batch) {
      if (event.type === 'ShopRegistered') {
        const { shopId, timeZone } = event.data as { shopId: string; timeZone: string };
        this.zones.set(shopId, timeZone);
      }
      const d = event.data as { shopId?: string };
      const shopKey: DocKey[] = d.shopId ? [{ model: 'shop', shopId: d.shopId, id: d.shopId }] : [];
      for (const key of [...shopKey, ...keysFor(event, (shopId) => this.zones.get(shopId) ?? 'UTC')])
        keys.set(keyOf(key), key);
    }
    const loaded = await this.docs.load([...keys.values()]);
    const changes = new Map<string, unknown>();
    const view: DocView = {
      get: <T>(key: DocKey) => (changes.get(keyOf(key)) ?? loaded.get(keyOf(key))) as T | undefined,
      put: (key, doc) => void changes.set(keyOf(key), doc),
    };
    for (const event of batch) applyEvent(event, view);
    const position = batch[batch.length - 1]!.position;
    await this.docs.commit(changes, READ_MODELS, this.position, position);
    this.position = position;
    this.release(position);
  }
}

/** The read models of a whole history, folded in memory: what the runner must always equal. */
export function replay(events: StoredEvent[]): Map<string, unknown> {
  const docs = new Map<string, unknown>();
  const view: DocView = {
    get: <T>(key: DocKey) => docs.get(keyOf(key)) as T | undefined,
    put: (key, doc) => void docs.set(keyOf(key), doc),
  };
  for (const event of events) applyEvent(event, view);
  return docs;
}
