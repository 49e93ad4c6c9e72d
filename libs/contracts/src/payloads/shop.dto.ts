import { ApiProperty } from '@nestjs/swagger';
import { JSONSchema } from 'class-validator-jsonschema';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import type { ShopCommand } from '@sce/domain';
import { Count, IsTimeZone, Money, Text, ListOf, Optional } from './rules';
import type { PayloadDtos } from './payload-dtos';

export class RegisterShopDto {
  @Text(200, 'shop name') name!: string;
  @Text(100, 'the seller who owns the shop') sellerId!: string;
  @ApiProperty({ example: 'America/Los_Angeles' }) @IsTimeZone() timeZone!: string;
  @ApiProperty({ example: 'USD' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as USD' })
  currency!: string;
}

export class SetFulfillmentModeDto {
  @ApiProperty({ enum: ['FULFILLED_BY_SELLER', 'FULFILLED_BY_PLATFORM'] })
  @IsIn(['FULFILLED_BY_SELLER', 'FULFILLED_BY_PLATFORM'])
  mode!: string;
}

export class SetRefundPolicyDto {
  @Count(0, 365, 'days after delivery during which a refund may be requested') returnWindowDays!: number;
  @Money(0, 'requests at or below this amount are approved at once; 0 turns it off') autoApproveLimit!: number;
  @ApiProperty({ required: false })
  @Optional()
  @Count(
    24,
    168,
    'hours to answer a refund request, or to pay an approved one, before the system does; left out keeps the previous value (48 if never set)',
  )
  sellerResponseHours?: number;
}

const CARRIER = /^[A-Z0-9_]{2,40}$/;
export class ConfigureShippingDto {
  @ApiProperty({ enum: ['SELLER_SHIPPING', 'PLATFORM_SHIPPING'] })
  @IsIn(['SELLER_SHIPPING', 'PLATFORM_SHIPPING'])
  mode!: string;
  @ApiProperty({ example: ['UPS_GROUND', 'UPS_2ND_DAY_AIR'] })
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(CARRIER, { each: true, message: 'each carrier must be a code such as UPS_GROUND' })
  carriers!: string[];
  @ApiProperty({ required: false })
  @Optional()
  @Count(1, 10, 'days to ship an order after it is placed (shipBy); left out keeps the previous value (3 if never set)')
  handlingDays?: number;
}

const REGION = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;
export class ShippingZoneDto {
  @Text(100, 'zone name') name!: string;
  @ApiProperty({ example: ['US-CA', 'US-WA'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @Matches(REGION, { each: true, message: 'each region must be a country (US) or a region (US-CA)' })
  regions!: string[];
  @Money(0, 'the zone fee in minor units') fee!: number;
}

export class SaveShippingTemplateDto {
  @ListOf(ShippingZoneDto, 0, 100) zones!: ShippingZoneDto[];
  @ApiProperty({ example: ['US-AK'] })
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(REGION, { each: true, message: 'each excluded region must be a country (US) or a region (US-AK)' })
  excludedRegions!: string[];
  @ApiProperty({ nullable: true, description: 'item total at or above which shipping is free; null for never' })
  @IsOptional()
  @JSONSchema({ nullable: true })
  @IsInt()
  @Min(0)
  freeShippingThreshold!: number | null;
  @ApiProperty({ minimum: 0, maximum: 100 }) @IsInt() @Min(0) @Max(100) shippingDiscountPercent!: number;
}

/** The payload DTO class-validator checks for each shop command. */
export const shopPayloads = {
  RegisterShop: RegisterShopDto,
  SetFulfillmentMode: SetFulfillmentModeDto,
  SetRefundPolicy: SetRefundPolicyDto,
  ConfigureShipping: ConfigureShippingDto,
  SaveShippingTemplate: SaveShippingTemplateDto,
} satisfies PayloadDtos<ShopCommand>;
