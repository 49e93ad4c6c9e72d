import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min, registerDecorator } from 'class-validator';
import { Instant, isCalendarDate } from '@sce/contracts';
import { decodeCursor } from '@sce/projections';

/** A real calendar date, YYYY-MM-DD: `2026-02-30` and `2026-13-01` are refused, not rolled over. */
function IsLocalDate(): PropertyDecorator {
  return (object: object, property: string | symbol) =>
    registerDecorator({
      name: 'isLocalDate',
      target: object.constructor,
      propertyName: String(property),
      validator: {
        validate: (value: unknown) => isCalendarDate(value),
        defaultMessage: () => `${String(property)} must be a calendar date YYYY-MM-DD that exists, such as 2026-11-27`,
      },
    });
}

/** A `nextCursor` as an answer gave it. */
function IsCursor(): PropertyDecorator {
  return (object: object, property: string | symbol) =>
    registerDecorator({
      name: 'isCursor',
      target: object.constructor,
      propertyName: String(property),
      validator: {
        validate: (value: unknown) => typeof value === 'string' && decodeCursor(value) !== undefined,
        defaultMessage: () => `${String(property)} must be the nextCursor of an earlier answer, as it came`,
      },
    });
}

const ORDER_STATUSES = ['AWAITING_SHIPMENT', 'PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED', 'COMPLETED', 'CANCELLED'];

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
  @IsOptional()
  @Instant(
    'answer as the engine knew it then: the read models replayed from the log up to the last event recorded at or before this instant (RFC 3339), never the live ones',
    true,
  )
  knownAt?: string;
  @ApiPropertyOptional({
    description: 'answer as the engine knew it then: the read models replayed from the log up to this global position',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  knownAtPosition?: number;
}

/** A range of the shop's local dates, without an instant. */
export class LocalRangeParams extends ConsistencyParams {
  @ApiPropertyOptional({ description: 'first local date (inclusive), YYYY-MM-DD; default 7 days before to' })
  @IsOptional()
  @IsLocalDate()
  from?: string;
  @ApiPropertyOptional({
    description: 'last local date (exclusive), YYYY-MM-DD; default tomorrow in the shop time zone',
  })
  @IsOptional()
  @IsLocalDate()
  to?: string;
}

export class RangeParams extends LocalRangeParams {
  @IsOptional()
  @Instant(
    "the instant campaigns are ongoing or upcoming relative to (dashboard), or deadlines are overdue at (returns), RFC 3339; default the engine's clock",
    true,
  )
  asOf?: string;
}

export class ProductParams extends ConsistencyParams {
  @ApiPropertyOptional({ enum: ['PENDING_REVIEW', 'ACTIVE', 'ISSUES', 'SUSPENDED', 'INACTIVE'] })
  @IsOptional()
  @IsIn(['PENDING_REVIEW', 'ACTIVE', 'ISSUES', 'SUSPENDED', 'INACTIVE'])
  status?: string;
}

export class CampaignParams extends ConsistencyParams {
  @IsOptional()
  @Instant("the instant each campaign state is relative to (RFC 3339); default the engine's clock", true)
  asOf?: string;
}

export class OrderListParams extends RangeParams {
  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: string;
  @ApiPropertyOptional({ description: 'at most this many orders, newest first (default 100)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
  @ApiPropertyOptional({ description: 'the next page: the nextCursor of the answer before' })
  @IsOptional()
  @IsCursor()
  cursor?: string;
}

export class DeadlineParams extends ConsistencyParams {
  @IsOptional()
  @Instant("the instant deadlines are overdue at (RFC 3339); default the engine's clock", true)
  asOf?: string;
}

export class ToShipParams extends DeadlineParams {
  @ApiPropertyOptional({ description: 'at most this many orders, soonest ship-by first (default 100)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class DashboardParams extends RangeParams {
  @ApiPropertyOptional({
    enum: ['previous'],
    description: 'previous: add the totals and the seller performance of the period as long just before from',
  })
  @IsOptional()
  @IsIn(['previous'])
  compare?: 'previous';
}

export class PerformanceParams extends ConsistencyParams {
  @ApiPropertyOptional({
    description:
      'the window is the 30 local days before this date (exclusive), YYYY-MM-DD; default tomorrow in the shop time zone',
  })
  @IsOptional()
  @IsLocalDate()
  to?: string;
}
