import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { ApiKeys } from '@sce/access';
import { Instant, Optional } from '@sce/contracts';
import { DomainError, ROLES, type Role } from '@sce/domain';
import { Answers } from '../http/openapi/answers';
import { invalidInput } from '../http/strict-input.pipe';
import { API_KEYS } from '../tokens';
import { ApiKeyGuard, CallerOf, type Caller } from './auth.guard';

export class CreateApiKeyDto {
  @ApiProperty() @MinLength(1) @MaxLength(100) name!: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES as unknown as string[]) role!: Role;
  @ApiPropertyOptional({ description: 'required for a SELLER key: the one shop it acts on' })
  @Optional()
  @Matches(/^[A-Za-z0-9._:-]{1,100}$/)
  shopId?: string;
  @Optional()
  @Instant('the key is refused from this instant on (RFC 3339); never expires when left out', true)
  expiresAt?: string;
}

export class RotateApiKeyDto {
  @ApiPropertyOptional({ description: 'seconds the old key keeps working (default 0: revoked now)', maximum: 604800 })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 3600)
  graceSeconds?: number;
}

const KEY_ID = /^key_[A-Za-z0-9_-]{1,40}$/;

/** API keys: the platform makes, lists, revokes and rotates them; any key may ask who it is. */
@ApiTags('access')
@UseGuards(ApiKeyGuard)
@Controller('v1')
export class KeysController {
  constructor(@Inject(API_KEYS) private readonly keys: ApiKeys) {}

  @Post('api-keys')
  @Answers({ 201: 'NewApiKey', 413: 'Invalid', 415: 'Invalid' })
  @ApiOperation({ summary: 'Create an API key (PLATFORM only). The key is shown once.' })
  async create(@Body() body: CreateApiKeyDto, @CallerOf() caller: Caller) {
    platformOnly(caller);
    if (body.role === 'SELLER' && !body.shopId)
      throw invalidInput([{ field: 'shopId', message: 'a SELLER key must name its shop' }]);
    if (body.expiresAt !== undefined && body.expiresAt <= new Date().toISOString())
      throw invalidInput([{ field: 'expiresAt', message: 'expiresAt must be in the future' }]);
    const { key, record } = await this.keys.create({ ...body, createdBy: caller.keyId });
    return { key, ...record };
  }

  @Get('api-keys')
  @Answers({ 200: 'ApiKeyList' })
  @ApiOperation({ summary: 'Every API key, without the keys themselves (PLATFORM only)' })
  async list(@CallerOf() caller: Caller) {
    platformOnly(caller);
    return { keys: await this.keys.list() };
  }

  @Delete('api-keys/:keyId')
  @Answers({ 200: 'ApiKey', 404: 'Rejected' })
  @ApiOperation({ summary: 'Revoke an API key at once (PLATFORM only)' })
  async revoke(@Param('keyId') keyId: string, @CallerOf() caller: Caller) {
    platformOnly(caller);
    return this.keys.revoke(known(keyId));
  }

  @Post('api-keys/:keyId/rotate')
  @Answers({ 200: 'NewApiKey', 404: 'Rejected', 413: 'Invalid', 415: 'Invalid' })
  @HttpCode(200)
  @ApiOperation({ summary: 'A new key for the same role and shop; the old one works for graceSeconds more' })
  async rotate(@Param('keyId') keyId: string, @Body() body: RotateApiKeyDto, @CallerOf() caller: Caller) {
    platformOnly(caller);
    const { key, record } = await this.keys.rotate(known(keyId), body.graceSeconds ?? 0, caller.keyId);
    return { key, ...record };
  }

  @Get('whoami')
  @Answers({ 200: 'WhoAmI' })
  @ApiOperation({ summary: 'The key this request carries: its id, name, role and shop' })
  whoami(@CallerOf() caller: Caller) {
    return { keyId: caller.keyId, name: caller.name, role: caller.role, shopId: caller.shopId ?? null };
  }
}

function platformOnly(caller: Caller): void {
  if (caller.role !== 'PLATFORM') throw new DomainError('auth.platform-only', 'only the platform manages API keys');
}

function known(keyId: string): string {
  if (!KEY_ID.test(keyId))
    throw invalidInput([{ field: 'keyId', message: 'keyId must look like key_… (from GET /v1/api-keys)' }]);
  return keyId;
}
