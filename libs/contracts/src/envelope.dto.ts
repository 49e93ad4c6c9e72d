import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { COMMAND_TYPES, ROLES } from '@sce/domain';
import { Instant, Optional } from './payloads/rules';

export class ActorDto {
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES as unknown as string[]) role!: string;
  @ApiProperty({
    required: false,
    description: "the key's own id (the default); only a BUYER key names the buyer it acts for",
  })
  @Optional()
  @IsString()
  @MaxLength(100)
  id?: string;
}

export class MetadataDto {
  @ApiProperty({ required: false }) @Optional() @IsString() @MaxLength(200) correlationId?: string;
  @ApiProperty({ required: false, type: ActorDto, description: 'must match the API key role when given' })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => ActorDto)
  actor?: ActorDto;
  @Optional()
  @Instant('business time, RFC 3339 with Z or an offset; defaults to the time of receipt', true)
  occurredAt?: string;
}

/** The command envelope of DOMAIN.md, as it arrives over HTTP or Kafka. */
export class CommandEnvelopeDto {
  @ApiProperty({ description: 'idempotency key: the same id again returns the first outcome', example: 'c-7f3a9' })
  @Matches(/^[A-Za-z0-9._:-]{1,128}$/, { message: 'commandId must be 1-128 letters, digits or ._:-' })
  commandId!: string;
  @ApiProperty({ enum: COMMAND_TYPES })
  @IsIn(COMMAND_TYPES as unknown as string[], {
    message: `type must be one of the command types: ${COMMAND_TYPES.join(', ')}`,
  })
  type!: string;
  @ApiProperty({ required: false, description: 'required for every command but CreateCampaign', example: 'shop-42' })
  @Optional()
  @Matches(/^[A-Za-z0-9._:-]{1,100}$/, { message: 'shopId must be 1-100 letters, digits or ._:-' })
  shopId?: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the command payload; see DOMAIN.md' })
  @IsObject()
  payload!: Record<string, unknown>;
  @ApiProperty({ required: false, type: MetadataDto })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => MetadataDto)
  metadata?: MetadataDto;
}
