import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { RefundCommand } from '@sce/domain';
import { OrderLineDto, OrderRefDto } from './order.dto';
import { Id, ListOf, Text } from './rules';
import type { PayloadDtos } from './payload-dtos';

export class RefundRefDto extends OrderRefDto {
  @Id('the refund id') refundId!: string;
}

export class RequestRefundDto extends RefundRefDto {
  @ApiProperty({ enum: ['REFUND_ONLY', 'RETURN_AND_REFUND'] })
  @IsIn(['REFUND_ONLY', 'RETURN_AND_REFUND'])
  refundType!: string;
  @ListOf(OrderLineDto, 1, 100) lines!: OrderLineDto[];
  @Text(1000, 'why') reason!: string;
}

export class RejectRefundDto extends RefundRefDto {
  @Text(1000, 'why') reason!: string;
}

/** The payload DTO class-validator checks for each refund command. */
export const refundPayloads = {
  RequestRefund: RequestRefundDto,
  ApproveRefund: RefundRefDto,
  RejectRefund: RejectRefundDto,
  ReceiveReturn: RefundRefDto,
  IssueRefund: RefundRefDto,
} satisfies PayloadDtos<RefundCommand>;
