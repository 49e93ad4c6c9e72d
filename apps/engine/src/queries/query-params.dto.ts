import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ConsistencyParams {
  @ApiPropertyOptional({
    description: 'wait until the read models include this global position (from a command outcome)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  atPosition?: number;
  @ApiPropertyOptional({ description: 'how long to wait for atPosition, in ms (default 2000)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(30_000)
  waitMs?: number;
}

export class RangeParams extends ConsistencyParams {
  @ApiPropertyOptional({ description: 'first local date (inclusive), YYYY-MM-DD; default 7 days before to' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;
  @ApiPropertyOptional({
    description: 'last local date (exclusive), YYYY-MM-DD; default tomorrow in the shop time zone',
  })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;
  @ApiPropertyOptional({ description: 'the instant campaigns are ongoing or upcoming relative to; default now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;
}

export class ProductParams extends ConsistencyParams {
  @ApiPropertyOptional({ enum: ['PENDING_REVIEW', 'ACTIVE', 'ISSUES', 'SUSPENDED', 'INACTIVE'] })
  @IsOptional()
  @IsIn(['PENDING_REVIEW', 'ACTIVE', 'ISSUES', 'SUSPENDED', 'INACTIVE'])
  status?: string;
}

export class CampaignParams extends ConsistencyParams {
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) asOf?: string;
}

export class OrderListParams extends RangeParams {
  @ApiPropertyOptional({ enum: ['AWAITING_SHIPMENT', 'SHIPPED', 'DELIVERED', 'COMPLETED', 'CANCELLED'] })
  @IsOptional()
  @IsIn(['AWAITING_SHIPMENT', 'SHIPPED', 'DELIVERED', 'COMPLETED', 'CANCELLED'])
  status?: string;
  @ApiPropertyOptional({ description: 'at most this many orders, newest first (default 100)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
