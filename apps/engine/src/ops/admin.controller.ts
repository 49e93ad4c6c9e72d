import { Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@sce/domain';
import type { ProjectionRunner } from '@sce/projections';
import { ApiKeyGuard, CallerOf, type Caller } from '../auth/auth.guard';
import { Answers } from '../http/openapi/answers';
import { PROJECTION_RUNNER } from '../tokens';

@ApiTags('operations')
@UseGuards(ApiKeyGuard)
@Controller('v1/admin')
export class AdminController {
  constructor(@Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner) {}

  @Post('rebuild')
  @Answers({ 200: 'Rebuilt' })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Drop the read models and project the whole log again (PLATFORM only); answers when caught up',
  })
  async rebuild(@CallerOf() caller: Caller) {
    if (caller.role !== 'PLATFORM')
      throw new DomainError('auth.platform-only', 'only the platform rebuilds read models');
    const started = Date.now();
    await this.runner.rebuild();
    return { status: 'rebuilt', position: this.runner.position, ms: Date.now() - started };
  }
}
