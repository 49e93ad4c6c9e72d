import { Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@sce/domain';
import type { ProjectionRunner } from '@sce/projections';
import { ApiKeyGuard, CallerOf, type Caller } from '../auth/auth.guard';
import { Answers } from '../http/openapi/answers';
import { WritableEngine } from '../read-only/read-only';
import { PROJECTION_RUNNER } from '../tokens';

@ApiTags('operations')
@UseGuards(WritableEngine, ApiKeyGuard)
@Controller('v1/admin')
export class AdminController {
  constructor(@Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner) {}

  @Post('rebuild')
  @Answers({ 200: 'Rebuilt', 405: 'Rejected' })
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Build the read models again from the log beside the live ones, which answer meanwhile, and switch to them (PLATFORM only); answers once switched',
  })
  async rebuild(@CallerOf() caller: Caller) {
    if (caller.role !== 'PLATFORM')
      throw new DomainError('auth.platform-only', 'only the platform rebuilds read models');
    const started = Date.now();
    await this.runner.rebuild();
    return { status: 'rebuilt', position: this.runner.position, ms: Date.now() - started };
  }
}
