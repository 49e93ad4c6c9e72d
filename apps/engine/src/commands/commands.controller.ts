import { BadRequestException, Body, Controller, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { HandledOutcome } from '@sce/application';
import { CommandEnvelopeDto, validateEnvelope } from '@sce/contracts';
import { ApiKeyGuard, CallerOf, type Caller } from '../auth/auth.guard';
import { statusForCode } from '../http/status';
import { Metrics } from '../ops/metrics';
import { SubmitCommand } from './submit-command';

@ApiTags('commands')
@ApiBearerAuth()
@UseGuards(ApiKeyGuard)
@Controller('v1/commands')
export class CommandsController {
  constructor(
    private readonly bus: CommandBus,
    private readonly metrics: Metrics,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a command (DOMAIN.md envelope). The same commandId again returns the first outcome.' })
  @ApiBody({ type: CommandEnvelopeDto })
  @ApiResponse({ status: 200, description: 'accepted: stream, revision and global positions' })
  @ApiResponse({ status: 400, description: 'invalid: each field that failed and why' })
  @ApiResponse({ status: 403, description: 'rejected: the key may not send this (auth.*)' })
  @ApiResponse({ status: 404, description: 'rejected: shop, product or order not found' })
  @ApiResponse({ status: 409, description: 'conflict that retries could not resolve, or command.id-reused' })
  @ApiResponse({ status: 422, description: 'rejected: a business rule, with a stable code' })
  async submit(
    @Body() body: unknown,
    @CallerOf() caller: Caller,
    @Res({ passthrough: true }) reply: { status(code: number): unknown },
  ) {
    const started = process.hrtime.bigint();
    const validated = validateEnvelope(body, caller, new Date());
    if (!validated.ok) {
      this.metrics.commands.inc({ type: typeOf(body), outcome: 'invalid' });
      throw new BadRequestException({ status: 'invalid', errors: validated.errors });
    }
    const { commandId, command } = validated;
    const outcome = await this.bus.execute<SubmitCommand, HandledOutcome>(
      new SubmitCommand(commandId, command, caller),
    );
    this.metrics.commands.inc({ type: command.type, outcome: outcome.status });
    this.metrics.latency.observe({ type: command.type }, Number(process.hrtime.bigint() - started) / 1e9);
    if (outcome.status === 'rejected') reply.status(statusForCode(outcome.code));
    if (outcome.status === 'conflict') reply.status(409);
    return { commandId, ...outcome };
  }
}

function typeOf(body: unknown): string {
  const type = (body as { type?: unknown } | null)?.type;
  return typeof type === 'string' && /^[A-Za-z]{1,40}$/.test(type) ? type : 'unknown';
}
