import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
  registerDecorator,
} from 'class-validator';
import { canonicalInstant, INSTANT_EXAMPLE } from '../input/instant';

/** Ids name streams: letters, digits and `._:-`, no `/`. */
export const Id = (description = 'an id') =>
  applyDecorators(
    ApiProperty({ description, example: 'p-1' }),
    IsString(),
    Matches(/^[A-Za-z0-9._:-]{1,100}$/, {
      message: '$property must be 1-100 letters, digits or ._:- (no spaces or /)',
    }),
  );

/** A package id: an id, or `/` too, since the engine names an order's n-th package `<orderId>/<n>`. */
export const PackageId = (description = 'the package id') =>
  applyDecorators(
    ApiProperty({ description, example: 'o-1/1' }),
    IsString(),
    Matches(/^[A-Za-z0-9._:/-]{1,100}$/, { message: '$property must be 1-100 letters, digits or ._:/- (no spaces)' }),
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
    // ValidateNested lets a null item through: every item must be an object.
    IsObject({ each: true }),
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

/**
 * An instant: RFC 3339 with `Z` or an offset, stored in its canonical UTC form
 * (`2026-11-27T15:04:05.000Z`) so that every comparison of two instants, even as strings, is right.
 */
export const Instant = (description = 'an instant, RFC 3339 with Z or an offset', optional = false) =>
  applyDecorators(
    ApiProperty({ description, example: INSTANT_EXAMPLE, format: 'date-time', required: !optional }),
    Transform(({ value }: { value: unknown }) => canonicalInstant(value) ?? value),
    IsCanonicalInstant(),
  );

function IsCanonicalInstant(): PropertyDecorator {
  return (object: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isInstant',
      target: object.constructor,
      propertyName: String(propertyName),
      validator: {
        // The transform has already made every valid instant canonical: anything else was not one.
        validate: (value: unknown) => typeof value === 'string' && canonicalInstant(value) === value,
        defaultMessage: (args) =>
          `${args?.property ?? String(propertyName)} must be an RFC 3339 time with Z or an offset, such as ${INSTANT_EXAMPLE}`,
      },
    });
}

/**
 * A field that may be left out, but not sent as `null`: class-validator's IsOptional takes null
 * too, which the published JSON Schema (and the domain) would not.
 */
export const Optional = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
