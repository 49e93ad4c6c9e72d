import { BadRequestException, Body, Controller, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CommandEnvelopeDto } from '@sce/contracts';
import { ApiKeyGuard, CallerOf, type Caller } from '../auth/auth.guard';
import { statusForCode } from '../http/status';
import { CommandIntake } from './command-intake';

@ApiTags('commands')
@ApiBearerAuth()
@UseGuards(ApiKeyGuard)
@Controller('v1/commands')
export class CommandsController {
  constructor(private readonly intake: CommandIntake) {}

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
    const outcome = await this.intake.submit(body, caller);
    if (outcome.status === 'invalid') throw new BadRequestException(outcome);
    if (outcome.status === 'rejected') reply.status(statusForCode(outcome.code));
    if (outcome.status === 'conflict') reply.status(409);
    return outcome;
  }
}
