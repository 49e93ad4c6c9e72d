import { subscribe, type EventStore, type StoredEvent, type Subscription } from '@sce/event-store';
import { closeOver, staleIn, versionsOf } from './build-plan';
import { CheckpointMoved, type DocStore } from './doc-store';
import { buildCheckpoint, type BuildProgress, type Versions } from './generation';
import { GenerationBuild } from './generation-build';
import { KeyFilter, loadingOnlyWritten } from './key-filter';
import { projectBatch } from './project-batch';
import { PROJECTIONS, SHOP_PROJECTION, type AnyProjection } from './registry';

export const READ_MODELS = 'read-models';

const sameVersions = (a: Versions, b: Versions) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([name, v]) => b[name] === v);

/**
 * Follows the event log from the stored checkpoint and keeps the read models: per batch it runs
 * every projection over the events (`projectBatch`) and commits the documents and the checkpoint
 * together. `waitFor(position)` lets a caller read its own writes. A projection whose code version
 * is not the one its documents were built by, or one asked for by `rebuild`, is built beside the
 * live read models and switched to once caught up (`GenerationBuild`); only the leading runner builds.
 */
export class ProjectionRunner {
  private subscription?: Subscription;
  private waiters: { position: number; resolve: () => void }[] = [];
  private stopped = true;
  private following?: NodeJS.Timeout;
  private watching?: NodeJS.Timeout;
  private sweeping?: NodeJS.Timeout;
  private builder?: GenerationBuild;
  /** Live batches and build steps take turns: the switch must see both at one position. */
  private turns: Promise<unknown> = Promise.resolve();
  private planning: Promise<unknown> = Promise.resolve();
  private followed?: BuildProgress;
  /**
   * The ids this runner has written, while it has projected every document there is: it started
   * leading at checkpoint 0 and no build has begun since (a switch serves documents it never wrote).
   * Any other writer moves the checkpoint, and this runner's next commit then fails (CheckpointMoved).
   */
  private written?: KeyFilter;
  private readonly projections: readonly AnyProjection[];
  private readonly readModels: readonly AnyProjection[];
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
      /** The projections, the shop's among them (default: the registry's). */
      projections?: readonly AnyProjection[];
    } = {},
  ) {
    this.projections = options.projections ?? PROJECTIONS;
    this.readModels = this.projections.filter((p) => p.name !== SHOP_PROJECTION.name);
  }

  /** The build under way (this engine's, or the leader's as last seen), for `/health` and the CLI. */
  get building(): BuildProgress | undefined {
    return this.builder?.progress ?? this.followed;
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.position = await this.docs.checkpoint(READ_MODELS);
    if (this.docs.tryLead && !(await this.docs.tryLead(READ_MODELS))) return this.follow();
    this.leading = true;
    this.followed = undefined;
    this.position = await this.docs.checkpoint(READ_MODELS);
    this.written = this.position === 0 ? new KeyFilter() : undefined;
    await this.docs.refresh();
    await this.docs.sweep();
    await this.plan(staleIn(this.projections, await this.storedVersions()));
    const subscription = subscribe(
      this.events,
      { after: this.position, batchSize: this.options.batchSize ?? 500, idleMs: 500, lingerMs: this.options.lingerMs },
      (batch) => this.exclusive(() => this.apply(batch)),
    );
    this.subscription = subscription;
    subscription.done.catch((error: unknown) => {
      if (error instanceof CheckpointMoved && !this.stopped) return this.restartSoon();
      this.options.onError?.(error);
    });
    // A build another process asked for (the CLI, an engine that does not lead): take it up.
    clearInterval(this.watching);
    this.watching = setInterval(() => void this.plan([]).catch((error) => this.options.onError?.(error)), 1000);
  }

  /** A store that never recorded versions: fresh, its documents are the code's; else unknown, all rebuilt. */
  private async storedVersions(): Promise<Versions> {
    const stored = await this.docs.versions();
    if (Object.keys(stored).length || this.position > 0) return stored;
    await this.docs.recordVersions(versionsOf(this.projections));
    return this.docs.versions();
  }

  /**
   * Another engine leads: keep `position` at the stored checkpoint (so `waitFor` still works here),
   * the routes at its switches, and ask again to lead now and then, so projecting goes on when that
   * engine stops.
   */
  private follow(): void {
    this.leading = false;
    let polls = 0;
    const tick = async () => {
      if (this.stopped) return;
      this.position = await this.docs.checkpoint(READ_MODELS);
      await this.docs.refresh();
      const build = await this.docs.build();
      this.followed = build && {
        ...build,
        position: await this.docs.checkpoint(buildCheckpoint(build.generation)),
        target: this.position,
      };
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
    clearInterval(this.watching);
    clearTimeout(this.sweeping);
    await this.builder?.stop();
    this.builder = undefined;
    this.written = undefined;
    await this.subscription?.stop();
    for (const w of this.waiters) w.resolve();
    this.waiters = [];
  }

  /**
   * Builds `names` (default: every projection) beside the live read models and resolves once
   * switched to them; until then reads answer from the live ones. A call while a build runs joins
   * it (with its projections added). On a runner that does not lead, asks the leader to build.
   * @throws Error naming a projection that does not exist.
   */
  async rebuild(names: readonly string[] = this.projections.map((p) => p.name)): Promise<void> {
    if (this.stopped) await this.start();
    // Nothing projected yet: catching up is building everything from the log, once.
    if (this.leading && this.written && this.position === 0 && !this.builder) {
      const head = await this.events.headPosition();
      let caughtUp = false;
      while (!caughtUp && !this.stopped) caughtUp = await this.waitFor(head, 60_000);
      return;
    }
    if (this.leading) {
      await this.plan(names);
      while (this.builder) await this.builder.done;
      return;
    }
    const stored = await this.docs.build();
    const wanted = versionsOf(closeOver([...names, ...Object.keys(stored?.versions ?? {})], this.projections));
    const build = stored && sameVersions(stored.versions, wanted) ? stored : await this.docs.beginBuild(wanted);
    while ((await this.docs.build())?.generation === build.generation)
      await new Promise((resolve) => setTimeout(resolve, 200));
    await this.docs.refresh();
  }

  /** Makes the build under way the one of `names` and the stored build's projections, at the code's versions. */
  private plan(names: readonly string[]): Promise<void> {
    const planned = this.planning.then(async () => {
      if (this.stopped || !this.leading) return;
      const stored = await this.docs.build();
      const all = [...names, ...Object.keys(stored?.versions ?? {})];
      if (!all.length) return;
      const projections = closeOver(all, this.projections);
      const versions = versionsOf(projections);
      if (stored && this.builder?.build.generation === stored.generation && sameVersions(stored.versions, versions))
        return;
      await this.builder?.stop();
      this.written = undefined;
      const build = stored && sameVersions(stored.versions, versions) ? stored : await this.docs.beginBuild(versions);
      const live = {
        batchSize: this.options.batchSize ?? 500,
        position: () => this.position,
        exclusive: <T>(work: () => Promise<T>) => this.exclusive(work),
      };
      const builder = await GenerationBuild.resume(this.events, this.docs, build, projections, live);
      this.builder = builder;
      builder.done.then(
        () => {
          if (this.builder === builder) this.builder = undefined;
          if (!this.stopped) this.sweepSoon();
        },
        (error: unknown) => {
          if (this.builder === builder) this.builder = undefined;
          this.options.onError?.(error);
        },
      );
    });
    this.planning = planned.catch(() => undefined);
    return planned;
  }

  /**
   * What the switch left behind goes once the other engines sharing the store have read the routes
   * again (they do every 200 ms); a store no other engine shares is swept at once.
   */
  private sweepSoon(): void {
    clearTimeout(this.sweeping);
    this.sweeping = setTimeout(
      () => {
        if (this.leading) this.docs.sweep().catch((error: unknown) => this.options.onError?.(error));
      },
      this.docs.tryLead ? 2000 : 0,
    );
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.turns.then(work);
    this.turns = turn.catch(() => undefined);
    return turn;
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
    const written = this.written;
    const load = loadingOnlyWritten(written, (keys) => this.docs.load(keys));
    const changes = await projectBatch(batch, load, this.readModels);
    const position = batch[batch.length - 1]!.position;
    await this.docs.commit(changes, READ_MODELS, this.position, position);
    for (const id of changes.keys()) written?.add(id);
    this.position = position;
    this.release(position);
  }
}
