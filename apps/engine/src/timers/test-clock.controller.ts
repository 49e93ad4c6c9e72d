import { Body, Controller, HttpCode, Inject, NotFoundException, Put, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SettableClock, type Clock, type TimerManager } from '@sce/application';
import { Instant } from '@sce/contracts';
import { DomainError } from '@sce/domain';
import { ApiKeyGuard, CallerOf, type Caller } from '../auth/auth.guard';
import { Answers } from '../http/openapi/answers';
import { WritableEngine } from '../read-only/read-only';
import { CLOCK, TIMER_MANAGER } from '../tokens';

export class SetTestClockDto {
  @Instant('the instant the engine takes for now (RFC 3339)') at!: string;
}

const NOW = {
  type: 'object',
  required: ['status', 'now', 'position', 'pending', 'overdue'],
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: ['ok'] },
    now: { type: 'string', format: 'date-time' },
    position: { type: 'integer', description: 'the log position the timers were derived up to' },
    pending: { type: 'integer' },
    overdue: { type: 'integer' },
  },
};

/**
 * Tests only: end-to-end suites set the engine's clock, and the timers due by then fire before the
 * answer. Off by default (404); on only when the engine was started with `SCE_TEST_CLOCK`; PLATFORM keys only.
 */
@ApiTags('operations')
@UseGuards(WritableEngine, ApiKeyGuard)
@Controller('v1/test')
export class TestClockController {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(TIMER_MANAGER) private readonly timers: TimerManager,
  ) {}

  @Put('clock')
  @HttpCode(200)
  @Answers({ 200: NOW, 404: 'Rejected', 405: 'Rejected', 413: 'Invalid', 415: 'Invalid' })
  @ApiOperation({
    summary:
      'TESTS ONLY, off unless the engine runs with SCE_TEST_CLOCK: set the engine clock (PLATFORM only); answers once the timers due by then have fired',
  })
  async set(@Body() body: SetTestClockDto, @CallerOf() caller: Caller) {
    if (!(this.clock instanceof SettableClock))
      throw new NotFoundException({
        status: 'rejected',
        code: 'test-clock.off',
        message:
          'the test clock is off: it exists only in an engine started with SCE_TEST_CLOCK (tests, never production)',
      });
    if (caller.role !== 'PLATFORM')
      throw new DomainError('auth.platform-only', 'only the platform sets the test clock');
    this.clock.set(new Date(body.at));
    await this.timers.runUntilIdle();
    return { status: 'ok', now: this.clock.now().toISOString(), ...(await this.timers.status()) };
  }
}
