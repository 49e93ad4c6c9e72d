import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Clock, HandledOutcome, RunItem, RunOutcome } from '@sce/application';
import { validateEnvelope, type FieldError } from '@sce/contracts';
import { isCommandType } from '@sce/domain';
import type { Caller } from '../auth/auth.guard';
import { Metrics } from '../ops/metrics';
import { activeTraceparent } from '../ops/tracing';
import { CLOCK } from '../tokens';
import { SubmitCommand, SubmitCommandRun } from './submit-command';

export type IntakeOutcome = { status: 'invalid'; errors: FieldError[] } | ({ commandId: string } & HandledOutcome);

/** A message of a run: its body and sender, and how to run work in its own context (its trace). */
export interface RunEnvelope {
  body: unknown;
  caller: Caller;
  within: <T>(work: () => T) => T;
}

/** A run's outcome for one envelope: as `submit` would answer or throw, or nothing (the run stopped before it). */
export type RunIntakeOutcome = { ok: true; value: IntakeOutcome } | { ok: false; error: unknown } | undefined;

/**
 * One way in for a command, whatever carried it (HTTP, Kafka): validate the envelope, send it down
 * the command path, count it. Rules broken are outcomes; `auth.*` and `command.id-reused` throw
 * DomainError, which each transport answers in its own terms.
 */
@Injectable()
export class CommandIntake {
  constructor(
    private readonly bus: CommandBus,
    private readonly metrics: Metrics,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async submit(body: unknown, caller: Caller): Promise<IntakeOutcome> {
    const started = process.hrtime.bigint();
    const validated = this.validate(body, caller);
    if (!validated.ok) return { status: 'invalid', errors: validated.errors };
    const { commandId, command } = validated;
    const outcome = await this.bus.execute<SubmitCommand, HandledOutcome>(
      new SubmitCommand(commandId, command, caller),
    );
    this.count(command.type, outcome, started);
    return { commandId, ...outcome };
  }

  /**
   * A run of envelopes (one Kafka key's messages): each validated and counted as `submit` does,
   * the valid ones decided together, in their order (CommandHandler.handleRun).
   */
  async submitRun(envelopes: RunEnvelope[]): Promise<RunIntakeOutcome[]> {
    const started = process.hrtime.bigint();
    const outcomes: RunIntakeOutcome[] = envelopes.map(() => undefined);
    const items: (RunItem & { index: number })[] = [];
    for (const [index, { body, caller, within }] of envelopes.entries()) {
      const validated = within(() => this.validate(body, caller));
      if (validated.ok)
        items.push({ index, commandId: validated.commandId, command: validated.command, principal: caller, within });
      else outcomes[index] = { ok: true, value: { status: 'invalid', errors: validated.errors } };
    }
    if (!items.length) return outcomes;
    const handled = await this.bus.execute<SubmitCommandRun, RunOutcome[]>(new SubmitCommandRun(items));
    for (const [k, { index, commandId, command }] of items.entries()) {
      const outcome = handled[k];
      if (outcome?.ok) this.count(command.type, outcome.value, started);
      outcomes[index] = outcome?.ok ? { ok: true, value: { commandId, ...outcome.value } } : outcome;
    }
    return outcomes;
  }

  /** The envelope as a command, carrying the traceparent of the span now active; an invalid one counted. */
  private validate(body: unknown, caller: Caller) {
    const validated = validateEnvelope(body, caller, this.clock.now());
    if (!validated.ok) {
      this.metrics.commands.inc({ type: typeOf(body), outcome: 'invalid' });
      return validated;
    }
    const traceparent = activeTraceparent();
    if (!traceparent) return validated;
    return {
      ...validated,
      command: { ...validated.command, metadata: { ...validated.command.metadata, traceparent } },
    };
  }

  private count(type: string, outcome: HandledOutcome, started: bigint): void {
    this.metrics.commands.inc({ type, outcome: outcome.status });
    this.metrics.latency.observe({ type }, Number(process.hrtime.bigint() - started) / 1e9);
  }
}

/** A label for the metrics: a known command type, else `unknown` (callers must not grow the label set). */
function typeOf(body: unknown): string {
  const type = (body as { type?: unknown } | null)?.type;
  return typeof type === 'string' && isCommandType(type) ? type : 'unknown';
}
