import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Clock, HandledOutcome } from '@sce/application';
import { validateEnvelope, type FieldError } from '@sce/contracts';
import { isCommandType } from '@sce/domain';
import type { Caller } from '../auth/auth.guard';
import { Metrics } from '../ops/metrics';
import { activeTraceparent } from '../ops/tracing';
import { CLOCK } from '../tokens';
import { SubmitCommand } from './submit-command';

export type IntakeOutcome = { status: 'invalid'; errors: FieldError[] } | ({ commandId: string } & HandledOutcome);

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
    const validated = validateEnvelope(body, caller, this.clock.now());
    if (!validated.ok) {
      this.metrics.commands.inc({ type: typeOf(body), outcome: 'invalid' });
      return { status: 'invalid', errors: validated.errors };
    }
    const { commandId } = validated;
    const traceparent = activeTraceparent();
    const command = traceparent
      ? { ...validated.command, metadata: { ...validated.command.metadata, traceparent } }
      : validated.command;
    const outcome = await this.bus.execute<SubmitCommand, HandledOutcome>(
      new SubmitCommand(commandId, command, caller),
    );
    this.metrics.commands.inc({ type: command.type, outcome: outcome.status });
    this.metrics.latency.observe({ type: command.type }, Number(process.hrtime.bigint() - started) / 1e9);
    return { commandId, ...outcome };
  }
}

/** A label for the metrics: a known command type, else `unknown` (callers must not grow the label set). */
function typeOf(body: unknown): string {
  const type = (body as { type?: unknown } | null)?.type;
  return typeof type === 'string' && isCommandType(type) ? type : 'unknown';
}
