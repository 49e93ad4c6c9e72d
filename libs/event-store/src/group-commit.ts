import { DuplicateCommandError } from './errors';
import type { AppendResult, CommandRecord } from './event-store.port';
import type { PendingAppend, PlanResult } from './append-plan';

interface Waiter {
  append: PendingAppend;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/** What a committed batch tells each append: its plan result and, if accepted, its result. */
export interface CommittedBatch {
  results: PlanResult[];
  accepted: (AppendResult | undefined)[];
}

/**
 * Group commit: appends that arrive while a batch is being written wait and go together in the
 * next one, so many concurrent commands share one transaction (and one fsync).
 * `write` commits a whole batch atomically, or throws and the batch's appends all fail.
 */
export class GroupCommit {
  private waiting: Waiter[] = [];
  private writing = false;

  constructor(
    private readonly write: (appends: PendingAppend[]) => Promise<CommittedBatch> | CommittedBatch,
    private readonly maxBatch = 512,
  ) {}

  submit(append: PendingAppend): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.waiting.push({ append, resolve, reject });
      if (!this.writing) {
        this.writing = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length) {
      const batch = this.waiting.splice(0, this.maxBatch);
      try {
        const committed = await this.write(batch.map((w) => w.append));
        batch.forEach((waiter, i) => settle(waiter, i, committed, batch));
      } catch (error) {
        for (const waiter of batch) waiter.reject(error);
      }
    }
    this.writing = false;
  }
}

function settle(waiter: Waiter, index: number, committed: CommittedBatch, batch: Waiter[]): void {
  const result = committed.results[index]!;
  if (result.ok) return waiter.resolve(committed.accepted[index]!);
  if ('error' in result) return waiter.reject(result.error);
  const first = batch[result.duplicateOf]!.append;
  const record: CommandRecord = {
    commandId: first.commandId ?? '',
    fingerprint: first.fingerprint ?? '',
    outcome: { status: 'accepted', ...committed.accepted[result.duplicateOf]! },
  };
  waiter.reject(new DuplicateCommandError(record));
}
