import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
  registerDecorator,
} from 'class-validator';

/** Ids name streams: letters, digits and `._:-`, no `/`. */
export const Id = (description = 'an id') =>
  applyDecorators(
    ApiProperty({ description, example: 'p-1' }),
    IsString(),
    Matches(/^[A-Za-z0-9._:-]{1,100}$/, {
      message: '$property must be 1-100 letters, digits or ._:- (no spaces or /)',
    }),
  );

/** An amount of money in the currency's minor unit (cents for USD): a whole number, never a float. */
export const Money = (min = 0, description = 'minor units, e.g. cents') =>
  applyDecorators(
    ApiProperty({ description, example: 1999 }),
    IsInt({ message: '$property must be a whole number of minor units (e.g. cents)' }),
    Min(min),
    Max(1_000_000_000_00),
  );

export const Count = (min: number, max: number, description = 'a whole number') =>
  applyDecorators(ApiProperty({ description, minimum: min, maximum: max }), IsInt(), Min(min), Max(max));

/** A list of nested objects, each validated as `item`, between `min` and `max` long. */
export const ListOf = (item: new () => object, min: number, max: number) =>
  applyDecorators(
    ApiProperty({ type: [item] }),
    IsArray(),
    ArrayMinSize(min),
    ArrayMaxSize(max),
    ValidateNested({ each: true }),
    Type(() => item),
  );

export const Text = (max = 500, description = 'text') =>
  applyDecorators(ApiProperty({ description }), IsString(), MinLength(1), MaxLength(max));

/** An IANA time zone the runtime knows, such as America/Los_Angeles. */
export function IsTimeZone() {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isTimeZone',
      target: object.constructor,
      propertyName,
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string') return false;
          try {
            new Intl.DateTimeFormat('en-US', { timeZone: value });
            return true;
          } catch {
            return false;
          }
        },
        defaultMessage: () => `${propertyName} must be an IANA time zone such as America/Los_Angeles`,
      },
    });
}
