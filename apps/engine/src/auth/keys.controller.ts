import { BadRequestException, Body, Controller, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches, MaxLength, MinLength } from 'class-validator';
import { DomainError, ROLES, type Role } from '@sce/domain';
import { API_KEYS } from '../tokens';
import type { ApiKeys } from './api-keys';
import { ApiKeyGuard, CallerOf, type Caller } from './auth.guard';

export class CreateApiKeyDto {
  @ApiProperty() @MinLength(1) @MaxLength(100) name!: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES as unknown as string[]) role!: Role;
  @ApiPropertyOptional({ description: 'required for a SELLER key: the one shop it acts on' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:-]{1,100}$/)
  shopId?: string;
}

@ApiTags('access')
@ApiBearerAuth()
@UseGuards(ApiKeyGuard)
@Controller('v1/api-keys')
export class KeysController {
  constructor(@Inject(API_KEYS) private readonly keys: { keys: ApiKeys }) {}

  @Post()
  @ApiOperation({ summary: 'Create an API key (PLATFORM only). The key is shown once.' })
  create(@Body() body: CreateApiKeyDto, @CallerOf() caller: Caller) {
    if (caller.role !== 'PLATFORM') throw new DomainError('auth.platform-only', 'only the platform creates API keys');
    if (body.role === 'SELLER' && !body.shopId) {
      throw new BadRequestException({
        status: 'invalid',
        errors: [{ field: 'shopId', message: 'a SELLER key must name its shop' }],
      });
    }
    const key = this.keys.keys.create({
      name: body.name,
      role: body.role,
      shopId: body.role === 'SELLER' ? body.shopId : undefined,
    });
    return { key, role: body.role, shopId: body.shopId ?? null, name: body.name };
  }
}
