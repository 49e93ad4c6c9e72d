import type { Timer, TimerCommand, TimerEnd, TimerKind } from '@sce/domain';

/**
 * What one event does to the timer table, in log order. `fired`: the event is a timer's own
 * command's (its firing was appended, though perhaps not recorded as settled: the engine stopped).
 */
export type TimerOp = { arm: Timer } | { end: TimerEnd } | { fired: string };

/** A timer whose deadline has passed and whose command has not been sent (or not answered) yet. */
export interface DueTimer {
  /** The command id it sends: `timer:<kind>:<subject>:<deadline>`. */
  id: string;
  kind: TimerKind;
  subject: string;
  deadline: string;
  command: TimerCommand;
}

/** What became of a timer: its command accepted or rejected, or ended before it fired. */
export type TimerStatus = 'pending' | 'accepted' | 'rejected' | 'ended';

/** A fired timer's outcome: its command accepted, or rejected with `code`. */
export interface Settled {
  id: string;
  status: 'accepted' | 'rejected';
  code: string | null;
}

export interface TimerCounts {
  pending: number;
  /** Pending with the deadline passed: fired soon, or waiting on an engine that leads. */
  overdue: number;
}

/**
 * Where pending deadlines are kept: a table in the event store's database (SQLite file or
 * PostgreSQL schema), with the position of the log they were derived up to. `apply` writes the
 * ops of a batch of events and moves that checkpoint in one transaction.
 */
export interface TimerStore {
  checkpoint(): Promise<number>;
  /**
   * Applies `ops` in order and moves the checkpoint from `from` to `to`, atomically. Arming a timer
   * that exists does nothing; ending one ends it only while pending.
   * @throws TimerCheckpointMoved when the stored checkpoint is not `from` (another manager got there first).
   */
  apply(ops: TimerOp[], from: number, to: number): Promise<void>;
  /** Pending timers with `deadline <= until`, earliest first. */
  due(until: string, limit: number): Promise<DueTimer[]>;
  /** The earliest pending deadline, if any. */
  nextDeadline(): Promise<string | null>;
  /** Records what became of fired timers, in one transaction. */
  settle(fired: Settled[]): Promise<void>;
  counts(now: string): Promise<TimerCounts>;
  /** Every timer of a subject, for tests and operators: deadline order. */
  ofSubject(subject: string): Promise<(DueTimer & { status: TimerStatus; code: string | null })[]>;
  close(): Promise<void>;
}

/** Another timer manager moved the checkpoint: the batch is dropped and read again from there. */
export class TimerCheckpointMoved extends Error {
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`the timer checkpoint is at ${actual}, not ${expected}: another timer manager moved it`);
  }
}

/** A re-armed timer's deadline: no earlier than the first of its kind and subject; null when there was none. */
export function rearmedDeadline(timer: Timer, first: string | null): string | null {
  if (first === null) return null;
  return timer.deadline > first ? timer.deadline : first;
}
