import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, Matches } from 'class-validator';
import type { CampaignCommand } from '@sce/domain';
import { Count, Id, Instant, Money, Text, ListOf } from './rules';
import type { PayloadDtos } from './payload-dtos';

export class CreateCampaignDto {
  @Id('the campaign id') campaignId!: string;
  @Text(200, 'campaign name, e.g. Black Friday') name!: string;
  @Instant() registrationStartsAt!: string;
  @Instant() registrationEndsAt!: string;
  @Instant() startsAt!: string;
  @Instant() endsAt!: string;
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

/** The payload DTO class-validator checks for each campaign command. */
export const campaignPayloads = {
  CreateCampaign: CreateCampaignDto,
  JoinCampaign: JoinCampaignDto,
  WithdrawFromCampaign: WithdrawFromCampaignDto,
} satisfies PayloadDtos<CampaignCommand>;
