import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, Matches, ValidateNested } from 'class-validator';
import type { OrderCommand } from '@sce/domain';
import { Count, Id, Text, ListOf, Optional, PackageId } from './rules';
import type { PayloadDtos } from './payload-dtos';

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
  @ApiProperty({ type: ShipToDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ShipToDto)
  shipTo!: ShipToDto;
  @ApiProperty({ enum: ['LIVE', 'VIDEO', 'PRODUCT_CARD'] }) @IsIn(['LIVE', 'VIDEO', 'PRODUCT_CARD']) channel!: string;
}

export class CancelOrderDto extends OrderRefDto {
  @Text(1000, 'why') reason!: string;
}

class ParcelDto extends OrderRefDto {
  @ApiProperty({ example: 'UPS_GROUND' })
  @Matches(/^[A-Z0-9_]{2,40}$/, { message: 'carrier must be a code such as UPS_GROUND' })
  carrier!: string;
  @Text(100, 'tracking number') trackingNumber!: string;
}

export class ShipOrderDto extends ParcelDto {
  @ApiProperty({ required: false, description: "the package's id; else <orderId>/<n> for the order's n-th package" })
  @Optional()
  @PackageId()
  packageId?: string;
}

export class ShipPackageDto extends ParcelDto {
  @PackageId('the package id, new in the order') packageId!: string;
  @ListOf(OrderLineDto, 1, 100) lines!: OrderLineDto[];
}

export class ConfirmDeliveryDto extends OrderRefDto {
  @ApiProperty({ required: false, description: 'the package delivered; every shipped, undelivered one when left out' })
  @Optional()
  @PackageId()
  packageId?: string;
}

export class CancellationRefDto extends OrderRefDto {
  @Id('the cancellation request id') cancellationId!: string;
}

export class CancellationReasonDto extends CancellationRefDto {
  @Text(1000, 'why') reason!: string;
}

/** The payload DTO class-validator checks for each order command. */
export const orderPayloads = {
  PlaceOrder: PlaceOrderDto,
  CancelOrder: CancelOrderDto,
  ShipOrder: ShipOrderDto,
  ShipPackage: ShipPackageDto,
  ConfirmDelivery: ConfirmDeliveryDto,
  CompleteOrder: OrderRefDto,
  RequestCancellation: CancellationReasonDto,
  ApproveCancellation: CancellationRefDto,
  RejectCancellation: CancellationReasonDto,
} satisfies PayloadDtos<OrderCommand>;
