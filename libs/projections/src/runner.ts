import { subscribe, type EventStore, type StoredEvent, type Subscription } from '@sce/event-store';
import { CheckpointMoved, type DocStore } from './doc-store';
import { projectBatch } from './project-batch';

export const READ_MODELS = 'read-models';

/**
 * Follows the event log from the stored checkpoint and keeps the read models: per batch it runs
 * every projection over the events (`projectBatch`) and commits the documents and the checkpoint
 * together. `waitFor(position)` lets a caller read its own writes.
 */
export class ProjectionRunner {
  private subscription?: Subscription;
  private waiters: { position: number; resolve: () => void }[] = [];
  private stopped = false;
  private following?: NodeJS.Timeout;
  private rebuilding?: Promise<void>;
  position = 0;
  /** This runner projects (it holds the lead where a store is shared); others follow it. */
  leading = false;

  constructor(
    private readonly events: EventStore,
    private readonly docs: DocStore,
    private readonly options: {
      /** Events per read-model commit at most (500): bounds the work done between two turns of the event loop. */
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
    const subscription = subscribe(
      this.events,
      { after: this.position, batchSize: this.options.batchSize ?? 500, idleMs: 500, lingerMs: this.options.lingerMs },
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

  /**
   * Drops the read models and projects the whole log again. A call while a rebuild runs joins it:
   * the engine answers requests during a rebuild, and a second one would stop the first midway.
   */
  rebuild(): Promise<void> {
    this.rebuilding ??= this.rebuildFromStart().finally(() => (this.rebuilding = undefined));
    return this.rebuilding;
  }

  private async rebuildFromStart(): Promise<void> {
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
    const changes = await projectBatch(batch, (keys) => this.docs.load(keys));
    const position = batch[batch.length - 1]!.position;
    await this.docs.commit(changes, READ_MODELS, this.position, position);
    this.position = position;
    this.release(position);
  }
}
