import { ApiProperty } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { Id, Text } from './rules';

export class RecordVisitDto {
  @Id('the visitor id') visitorId!: string;
  @ApiProperty({ required: false }) @IsOptional() @Id('the product visited') productId?: string;
}

export class LiveSessionRefDto {
  @Id('the LIVE session id') sessionId!: string;
}

export class StartLiveSessionDto extends LiveSessionRefDto {
  @ApiProperty({ required: false }) @IsOptional() @Text(200, 'title') title?: string;
}
