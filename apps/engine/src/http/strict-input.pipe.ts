import {
  BadRequestException,
  Injectable,
  ValidationPipe,
  type ArgumentMetadata,
  type PipeTransform,
  type ValidationError,
} from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { inspectInput, type FieldError } from '@sce/contracts';

/** The answer to bad query parameters or a bad small body: the `invalid` shape of commands, each field and why. */
export function invalidInput(errors: FieldError[]): BadRequestException {
  return new BadRequestException({ status: 'invalid', errors });
}

const fromValidation = (errors: ValidationError[]) =>
  invalidInput(
    errors.flatMap((e) => Object.values(e.constraints ?? {}).map((message) => ({ field: e.property, message }))),
  );

/** The parameters a DTO class declares (its own and inherited), as class-validator knows them. */
function declared(type: new () => object): Set<string> {
  const rules = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false);
  return new Set(rules.map((rule) => rule.propertyName));
}

/**
 * Validation of query strings and small bodies, refusing before any library walks them: a query
 * parameter the route does not declare (whatever its name: `constructor` and `__proto__` too), a
 * parameter given twice, reserved key names and deep nesting in a body. Then class-validator
 * as usual, whitelisting and converting.
 */
@Injectable()
export class StrictInputPipe implements PipeTransform {
  private readonly validation = new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: fromValidation,
  });

  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const type = metadata.metatype as (new () => object) | undefined;
    if (metadata.type === 'query' && type && type !== Object) {
      const known = declared(type);
      const given = Object.keys((value ?? {}) as object);
      const errors: FieldError[] = given.flatMap((name) => {
        const field = name || '""';
        if (!known.has(name))
          return [{ field, message: `${field} is not a parameter of this route; it takes ${[...known].join(', ')}` }];
        if (Array.isArray((value as Record<string, unknown>)[name]))
          return [{ field, message: `${field} is given more than once` }];
        return [];
      });
      if (errors.length) throw invalidInput(errors);
    }
    if (metadata.type === 'body' && type && type !== Object) {
      const unsafe = inspectInput(value);
      if (unsafe) throw invalidInput([unsafe]);
    }
    return this.validation.transform(value, metadata);
  }
}
