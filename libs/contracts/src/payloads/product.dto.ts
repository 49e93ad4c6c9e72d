import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min, NotEquals } from 'class-validator';
import type { ProductCommand } from '@sce/domain';
import { Count, Id, Money, Text, Optional } from './rules';
import type { PayloadDtos } from './payload-dtos';

export class ProductRefDto {
  @Id('the product id') productId!: string;
}

export class ListProductDto extends ProductRefDto {
  @Text(300, 'product title') title!: string;
  @Money(1, 'list price in minor units') price!: number;
  @Count(0, 10_000_000, 'units in stock') stock!: number;
}

export class ProductReasonDto extends ProductRefDto {
  @Text(1000, 'why') reason!: string;
}

export class ResolveProductIssueDto extends ProductRefDto {
  @ApiProperty({ required: false }) @Optional() @Text(1000, 'what the seller changed') note?: string;
}

export class AdjustStockDto extends ProductRefDto {
  @ApiProperty({ description: 'signed change in units, not 0', example: -3 })
  @IsInt()
  @NotEquals(0, { message: 'delta must not be 0' })
  @Min(-10_000_000)
  @Max(10_000_000)
  delta!: number;
  @ApiProperty({ required: false }) @Optional() @Text(500, 'why') reason?: string;
}

export class ChangePriceDto extends ProductRefDto {
  @Money(1, 'new list price in minor units') price!: number;
}

/** The payload DTO class-validator checks for each product command. */
export const productPayloads = {
  ListProduct: ListProductDto,
  ApproveProduct: ProductRefDto,
  FlagProductIssue: ProductReasonDto,
  ResolveProductIssue: ResolveProductIssueDto,
  SuspendProduct: ProductReasonDto,
  ReinstateProduct: ProductReasonDto,
  DeactivateProduct: ProductRefDto,
  ActivateProduct: ProductRefDto,
  AdjustStock: AdjustStockDto,
  ChangePrice: ChangePriceDto,
} satisfies PayloadDtos<ProductCommand>;
