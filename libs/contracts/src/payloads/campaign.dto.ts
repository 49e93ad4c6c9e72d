import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsISO8601, Matches } from 'class-validator';
import { Count, Id, Money, Text, ListOf } from './rules';

const Instant = () =>
  IsISO8601({ strict: true }, { message: '$property must be an ISO-8601 UTC time such as 2026-11-27T08:00:00Z' });

export class CreateCampaignDto {
  @Id('the campaign id') campaignId!: string;
  @Text(200, 'campaign name, e.g. Black Friday') name!: string;
  @ApiProperty() @Instant() registrationStartsAt!: string;
  @ApiProperty() @Instant() registrationEndsAt!: string;
  @ApiProperty() @Instant() startsAt!: string;
  @ApiProperty() @Instant() endsAt!: string;
  @Count(0, 99, 'minimum discount off the list price, in whole percent') minimumDiscountPercent!: number;
}

export class CampaignProductDto {
  @Id('the product id') productId!: string;
  @Money(1, 'campaign price in minor units') campaignPrice!: number;
  @Count(0, 10_000_000, 'units committed to the campaign') reservedStock!: number;
}

export class JoinCampaignDto {
  @Id('the campaign id') campaignId!: string;
  @ListOf(CampaignProductDto, 1, 200) products!: CampaignProductDto[];
}

export class WithdrawFromCampaignDto {
  @Id('the campaign id') campaignId!: string;
  @ApiProperty({ example: ['p-1'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @Matches(/^[A-Za-z0-9._:-]{1,100}$/, { each: true, message: 'each product id must be 1-100 letters, digits or ._:-' })
  productIds!: string[];
}
