import { BadRequestException, Body, Controller, Headers, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import { SpanKind } from '@opentelemetry/api';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard, CallerOf, type Caller } from '../auth/auth.guard';
import { Answers } from '../http/openapi/answers';
import { ref } from '../http/openapi/schema-kit';
import { statusForCode } from '../http/status';
import { inSpan } from '../ops/tracing';
import { WritableEngine } from '../read-only/read-only';
import { CommandIntake } from './command-intake';

@ApiTags('commands')
@UseGuards(WritableEngine, ApiKeyGuard)
@Controller('v1/commands')
export class CommandsController {
  constructor(private readonly intake: CommandIntake) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a command (DOMAIN.md envelope). The same commandId again returns the first outcome.' })
  @Answers({
    200: 'Accepted',
    404: 'Rejected',
    405: 'Rejected',
    409: { oneOf: [ref('Rejected'), ref('Conflict')] },
    413: 'Invalid',
    415: 'Invalid',
    422: 'Rejected',
    503: 'Unavailable',
  })
  async submit(
    @Body() body: unknown,
    @CallerOf() caller: Caller,
    @Res({ passthrough: true }) reply: { status(code: number): unknown },
    @Headers() headers: Record<string, string>,
  ) {
    const outcome = await inSpan('POST /v1/commands', SpanKind.SERVER, headers, () => this.intake.submit(body, caller));
    if (outcome.status === 'invalid') throw new BadRequestException(outcome);
    if (outcome.status === 'rejected') reply.status(statusForCode(outcome.code));
    if (outcome.status === 'conflict') reply.status(409);
    return outcome;
  }
}
