import { ApiProperty } from '@nestjs/swagger';
import type { TrafficCommand } from '@sce/domain';
import { Id, Text, Optional } from './rules';
import type { PayloadDtos } from './payload-dtos';

export class RecordVisitDto {
  @Id('the visitor id') visitorId!: string;
  @ApiProperty({ required: false }) @Optional() @Id('the product visited') productId?: string;
}

export class LiveSessionRefDto {
  @Id('the LIVE session id') sessionId!: string;
}

export class StartLiveSessionDto extends LiveSessionRefDto {
  @ApiProperty({ required: false }) @Optional() @Text(200, 'title') title?: string;
}

/** The payload DTO class-validator checks for each traffic command. */
export const trafficPayloads = {
  RecordVisit: RecordVisitDto,
  StartLiveSession: StartLiveSessionDto,
  EndLiveSession: LiveSessionRefDto,
} satisfies PayloadDtos<TrafficCommand>;
