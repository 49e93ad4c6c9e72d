// class-transformer keeps its @Type metadata here: the schema generator follows nested DTOs with it.
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { COMMAND_TYPES, type CommandType } from '@sce/domain';
import { CommandEnvelopeDto } from '../envelope.dto';
import { PAYLOADS } from '../payloads';
import type { Schema } from './schema-kit';

/** RFC 3339 with a zone, as `canonicalInstant` takes it. */
const INSTANT_PATTERN = '^\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})$';

/** Our own decorators (registerDecorator), by name: what each accepts, as JSON Schema says it. */
const CUSTOM: Record<string, Schema> = {
  isTimeZone: { type: 'string', description: 'an IANA time zone such as America/Los_Angeles' },
  isInstant: { type: 'string', format: 'date-time', pattern: INSTANT_PATTERN },
  isLocalDate: { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
};

const customName = (meta: ValidationMetadata) =>
  meta.constraintCls && getMetadataStorage().getTargetValidatorConstraints(meta.constraintCls)[0]?.name;

let cached: Record<string, Schema> | undefined;

/**
 * The JSON Schema of every DTO, generated from the same class-validator rules that validate the
 * wire (no second copy by hand), with `$ref`s into `#/components/schemas/`. Objects refuse
 * unknown fields, as validation does. Rules JSON Schema cannot say (a time zone the runtime
 * knows, a date that exists) are described and left to the engine.
 */
export function dtoSchemas(): Record<string, Schema> {
  if (cached) return cached;
  const schemas = validationMetadatasToSchemas({
    classTransformerMetadataStorage: defaultMetadataStorage,
    refPointerPrefix: '#/components/schemas/',
    additionalConverters: {
      // The defaults also say `type: number`, which would undo IsInt's `integer`.
      [ValidationTypes.CUSTOM_VALIDATION]: (meta: ValidationMetadata) => CUSTOM[customName(meta) ?? ''] ?? {},
      min: (meta: ValidationMetadata) => ({ minimum: meta.constraints[0] }),
      max: (meta: ValidationMetadata) => ({ maximum: meta.constraints[0] }),
    },
  }) as Record<string, Schema>;
  // The storage holds every DTO loaded so far (query parameters, key routes...): keep the wire's.
  const wire = new Set<string>();
  const visit = (name: string) => {
    if (wire.has(name) || !schemas[name]) return;
    wire.add(name);
    for (const [, ref] of JSON.stringify(schemas[name]).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) visit(ref!);
  };
  [CommandEnvelopeDto, ...Object.values(PAYLOADS)].forEach((dto) => visit(dto.name));
  cached = Object.fromEntries(
    [...wire].sort().map((name) => [name, { ...schemas[name], additionalProperties: false }]),
  );
  return cached;
}

/** The name under which the envelope of `type` is a component: `PlaceOrderCommand`. */
export const envelopeName = (type: CommandType) => `${type}Command`;

/**
 * One envelope schema per command type, its `payload` the type's own DTO; and `CommandEnvelope`,
 * their `oneOf` discriminated by `type`.
 */
export function envelopeSchemas(): Record<string, Schema> {
  const dtos = dtoSchemas();
  const envelope = dtos[CommandEnvelopeDto.name]!;
  const properties = envelope.properties as Record<string, Schema>;
  const variants = Object.fromEntries(
    COMMAND_TYPES.map((type) => [
      envelopeName(type),
      {
        ...envelope,
        required:
          type === 'CreateCampaign' ? ['commandId', 'type', 'payload'] : ['commandId', 'type', 'shopId', 'payload'],
        properties: {
          ...properties,
          type: { type: 'string', enum: [type] },
          payload: { $ref: `#/components/schemas/${PAYLOADS[type].name}` },
        },
      },
    ]),
  );
  return {
    ...variants,
    CommandEnvelope: {
      oneOf: COMMAND_TYPES.map((type) => ({ $ref: `#/components/schemas/${envelopeName(type)}` })),
      discriminator: {
        propertyName: 'type',
        mapping: Object.fromEntries(COMMAND_TYPES.map((t) => [t, `#/components/schemas/${envelopeName(t)}`])),
      },
    },
  };
}
