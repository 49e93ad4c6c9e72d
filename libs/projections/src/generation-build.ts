import type { EventStore } from '@sce/event-store';
import { modelsOf } from './build-plan';
import type { DocStore } from './doc-store';
import { buildCheckpoint, type Build, type BuildProgress } from './generation';
import { KeyFilter, loadingOnlyWritten } from './key-filter';
import { projectBatch } from './project-batch';
import { SHOP_PROJECTION, type AnyProjection } from './registry';

/** What a build needs of the runner whose read models it replaces. */
export interface LiveSide {
  batchSize: number;
  /** The live read models' checkpoint: the build's target. */
  position(): number;
  /** Runs `work` between two live batches, never during one. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * Projects some projections from the start of the log into a build's generation, beside the live
 * read models, and once it has reached their position switches to it: the two never move at the
 * same time (`LiveSide.exclusive`), so the switch sees both at one position. It resumes from its
 * stored checkpoint; `done` settles once switched, or stopped.
 */
export class GenerationBuild {
  private stopped = false;
  readonly done: Promise<void>;
  private readonly readModels: readonly AnyProjection[];
  /** The ids this build has written, when it began in this process; a resumed build reads them all. */
  private readonly written: KeyFilter | undefined;

  private constructor(
    private readonly events: EventStore,
    private readonly docs: DocStore,
    readonly build: Build,
    private readonly projections: readonly AnyProjection[],
    private readonly live: LiveSide,
    public position: number,
  ) {
    // The shops are always projected into the build: they are its events' context.
    this.readModels = projections.filter((p) => p.name !== SHOP_PROJECTION.name);
    // Only this build writes its generation: begun here, every id it holds passed through `written`.
    this.written = position === 0 ? new KeyFilter() : undefined;
    this.done = this.run();
  }

  /** Starts (or resumes, from its stored checkpoint) the build of `projections` into `build`. */
  static async resume(
    events: EventStore,
    docs: DocStore,
    build: Build,
    projections: readonly AnyProjection[],
    live: LiveSide,
  ): Promise<GenerationBuild> {
    const position = await docs.checkpoint(buildCheckpoint(build.generation));
    return new GenerationBuild(events, docs, build, projections, live, position);
  }

  get progress(): BuildProgress {
    return { ...this.build, position: this.position, target: this.live.position() };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.done.catch(() => undefined);
  }

  private async run(): Promise<void> {
    // Let the constructor return (and `done` be set) before the first batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (!this.stopped) {
      if (await this.live.exclusive(() => this.step())) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** One batch, up to the live position at most; or the switch, once there. True once switched. */
  private async step(): Promise<boolean> {
    if (this.stopped) return false;
    const target = this.live.position();
    const { generation } = this.build;
    if (this.position >= target) {
      await this.docs.switchTo(this.build, modelsOf(this.projections), target);
      return true;
    }
    const batch = (await this.events.readBatch(this.position, this.live.batchSize)).filter((e) => e.position <= target);
    if (!batch.length) return false;
    const load = loadingOnlyWritten(this.written, (keys) => this.docs.load(keys, generation));
    const changes = await projectBatch(batch, load, this.readModels);
    const to = batch[batch.length - 1]!.position;
    await this.docs.commit(changes, buildCheckpoint(generation), this.position, to, generation);
    for (const id of changes.keys()) this.written?.add(id);
    this.position = to;
    return false;
  }
}
