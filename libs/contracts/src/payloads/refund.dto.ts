import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, ValidateNested } from 'class-validator';
import { OrderLineDto, OrderRefDto } from './order.dto';
import { Id, Text } from './rules';

export class RefundRefDto extends OrderRefDto {
  @Id('the refund id') refundId!: string;
}

export class RequestRefundDto extends RefundRefDto {
  @ApiProperty({ enum: ['REFUND_ONLY', 'RETURN_AND_REFUND'] })
  @IsIn(['REFUND_ONLY', 'RETURN_AND_REFUND'])
  refundType!: string;
  @ApiProperty({ type: [OrderLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => OrderLineDto)
  lines!: OrderLineDto[];
  @Text(1000, 'why') reason!: string;
}

export class RejectRefundDto extends RefundRefDto {
  @Text(1000, 'why') reason!: string;
}
