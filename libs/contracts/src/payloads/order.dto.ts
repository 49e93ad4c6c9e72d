import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, Matches, ValidateNested } from 'class-validator';
import { Count, Id, Text, ListOf } from './rules';

export class OrderLineDto {
  @Id('the product id') productId!: string;
  @Count(1, 10_000, 'units') quantity!: number;
}

export class ShipToDto {
  @ApiProperty({ example: 'US' })
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 code such as US' })
  country!: string;
  @ApiProperty({ example: 'CA' })
  @Matches(/^[A-Z0-9]{1,3}$/, { message: 'region must be a region code such as CA' })
  region!: string;
}

export class OrderRefDto {
  @Id('the order id') orderId!: string;
}

export class PlaceOrderDto extends OrderRefDto {
  @Id('the buyer id') buyerId!: string;
  @ListOf(OrderLineDto, 1, 100) lines!: OrderLineDto[];
  @ApiProperty({ type: ShipToDto }) @ValidateNested() @Type(() => ShipToDto) shipTo!: ShipToDto;
  @ApiProperty({ enum: ['LIVE', 'VIDEO', 'PRODUCT_CARD'] }) @IsIn(['LIVE', 'VIDEO', 'PRODUCT_CARD']) channel!: string;
}

export class CancelOrderDto extends OrderRefDto {
  @Text(1000, 'why') reason!: string;
}

export class ShipOrderDto extends OrderRefDto {
  @ApiProperty({ example: 'UPS_GROUND' })
  @Matches(/^[A-Z0-9_]{2,40}$/, { message: 'carrier must be a code such as UPS_GROUND' })
  carrier!: string;
  @Text(100, 'tracking number') trackingNumber!: string;
}
