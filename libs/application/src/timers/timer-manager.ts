import { DomainError, timerActorId, timerChanges, type Command, type DomainEvent, type TimerKind } from '@sce/domain';
import type { EventStore, StoredEvent } from '@sce/event-store';
import type { CommandHandler } from '../command-handler';
import { systemClock, type Clock } from './clock';
import { TimerCheckpointMoved, type DueTimer, type Settled, type TimerOp, type TimerStore } from './timer-store';

/** What became of one firing, for the metrics: the command's outcome, or `conflict` (tried again later). */
export type FiringOutcome = 'accepted' | 'rejected' | 'conflict';

export interface TimerManagerOptions {
  clock?: Clock;
  /** Events read from the log per checkpointed batch. */
  batchSize?: number;
  /** Timers fired together in one round. */
  fireLimit?: number;
  /** How long the live loop waits for an append before looking at the clock again. */
  pollMs?: number;
  /** After an append wakes it, how long the live loop waits for more before it reads them (default 100 ms). */
  lingerMs?: number;
  /** Does this engine lead (it projects, where several share a store)? Only the leader derives and fires. */
  leading?: () => boolean;
  onFired?: (kind: TimerKind, outcome: FiringOutcome) => void;
  onError?: (error: unknown) => void;
}

// A firing's own events arm timers no sooner than 1 s after its deadline (the shortest: a return
// window of 0 days, then its first second), but for an auto-complete re-armed at the very moment
// a refund it paid closed. Timers within 1 s of the round's first are fired together; later ones
// wait for the log to be read again, so they fire in the order time would.
const ROUND_MS = 1000;

/** Every event that can arm or end a timer is an order stream's. */
const ORDER_EVENTS = { categories: ['order'] };

/**
 * The timer process manager. It follows the log from its stored checkpoint (like a projection),
 * keeps the deadlines the events fixed in the {@link TimerStore}, and once the clock passes one,
 * sends its SYSTEM command down the command path with `occurredAt` = the deadline and the
 * deterministic id `timer:<kind>:<subject>:<deadline>`: the ledger makes each firing happen once,
 * across restarts and engines. A rejected command (the order moved on) ends the timer.
 */
export class TimerManager {
  /** The log position the timer table was derived up to. */
  position = 0;
  private stopped = true;
  private running?: Promise<void>;
  private wake: () => void = () => undefined;
  private turn: Promise<void> = Promise.resolve();

  constructor(
    private readonly events: EventStore,
    private readonly timers: TimerStore,
    private readonly commands: CommandHandler,
    private readonly options: TimerManagerOptions = {},
  ) {}

  get clock(): Clock {
    return this.options.clock ?? systemClock;
  }

  get leading(): boolean {
    return this.options.leading?.() ?? true;
  }

  /** Derives the timers of every event up to the head of the log. */
  async catchUp(): Promise<void> {
    this.position = await this.timers.checkpoint();
    for (;;) {
      const head = await this.events.headPosition();
      const batch = await this.events.readBatch(this.position, this.options.batchSize ?? 2000, ORDER_EVENTS);
      // Nothing of an order up to the head: the checkpoint may skip to it.
      const to = batch.length ? batch[batch.length - 1]!.position : head;
      if (to <= this.position) return;
      try {
        await this.timers.apply(batch.flatMap(opsOf), this.position, to);
        this.position = to;
      } catch (error) {
        if (!(error instanceof TimerCheckpointMoved)) throw error;
        this.position = error.actual;
      }
      if (!batch.length) return;
    }
  }

  /** Fires one round of the timers due by the clock, earliest first; how many were settled. */
  async fireDue(): Promise<number> {
    const due = await this.timers.due(this.clock.now().toISOString(), this.options.fireLimit ?? 500);
    if (!due.length) return 0;
    const horizon = new Date(Date.parse(due[0]!.deadline) + ROUND_MS).toISOString();
    const outcomes = await Promise.all(due.filter((t) => t.deadline < horizon).map((t) => this.fire(t)));
    const settled = outcomes.filter((o): o is Settled => o !== 'conflict');
    await this.timers.settle(settled);
    return settled.length;
  }

  /**
   * Catches up and fires until nothing more is due at the clock's now. Tests call it after moving
   * the clock. Calls take turns (the background loop's and the test clock's): two at once would
   * fire the same due timer twice, harmless for the ledger but counted twice.
   */
  runUntilIdle(): Promise<void> {
    const run = this.turn.then(() => this.untilIdle());
    this.turn = run.catch(() => undefined);
    return run;
  }

  private async untilIdle(): Promise<void> {
    if (!this.leading) return;
    for (;;) {
      await this.catchUp();
      if (!(await this.fireDue())) return;
    }
  }

  /** Runs in the background: after every append, and every `pollMs` for the clock (only `pollMs` while another engine leads). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.running = (async () => {
      while (!this.stopped) {
        const caughtUp = await this.runUntilIdle().then(
          () => true,
          (error: unknown) => (this.options.onError?.(error), false),
        );
        if (this.stopped) return;
        await this.pause(caughtUp);
      }
    })();
  }

  private pause(caughtUp: boolean): Promise<void> {
    const pollMs = this.options.pollMs ?? 1000;
    let timer: NodeJS.Timeout | undefined;
    const woken = new Promise<void>((resolve) => {
      this.wake = resolve;
      timer = setTimeout(resolve, pollMs);
    });
    // Behind the head (a follower's position does not move, a failed round's may not have), waiting
    // for appends after the position would return at once: wait for the poll instead.
    // Under load an append comes every few hundred microseconds; deadlines are minutes to days away,
    // so the events of a linger go in one round (one read, one transaction) instead of one round each.
    const lingerMs = this.options.lingerMs ?? 100;
    const linger = () => new Promise<void>((resolve) => setTimeout(resolve, lingerMs).unref());
    const appended = caughtUp && this.leading ? this.events.waitForAppend(this.position, pollMs).then(linger) : woken;
    return Promise.race([appended, woken]).finally(() => clearTimeout(timer));
  }

  /** Looks at the clock now rather than at the next poll (the test-only clock was moved). */
  poke(): void {
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.running;
  }

  /** Where the manager is, for `/health`. */
  async status(): Promise<{ position: number; pending: number; overdue: number }> {
    return { position: this.position, ...(await this.timers.counts(this.clock.now().toISOString())) };
  }

  private async fire(timer: DueTimer): Promise<Settled | 'conflict'> {
    const metadata = {
      actor: { role: 'SYSTEM' as const, id: timerActorId(timer.kind) },
      occurredAt: timer.deadline,
      correlationId: timer.id,
    };
    const command = { ...timer.command, metadata } as Command;
    let outcome: FiringOutcome;
    let code: string | null = null;
    try {
      const handled = await this.commands.handle(timer.id, command, { role: 'SYSTEM' });
      outcome = handled.status;
      if (handled.status === 'rejected') code = handled.code;
    } catch (error) {
      // Refused before deciding (a rule about the caller): as final as a rejection.
      if (!(error instanceof DomainError)) throw error;
      outcome = 'rejected';
      code = error.code;
    }
    this.options.onFired?.(timer.kind, outcome);
    return outcome === 'conflict' ? outcome : { id: timer.id, status: outcome, code };
  }
}

function opsOf(event: StoredEvent): TimerOp[] {
  const changes = timerChanges(event as unknown as DomainEvent, event.metadata.occurredAt);
  const { commandId } = event.metadata;
  const fired = commandId?.startsWith('timer:') ? [{ fired: commandId }] : [];
  return [...fired, ...changes.end.map((end) => ({ end })), ...changes.arm.map((arm) => ({ arm }))];
}
