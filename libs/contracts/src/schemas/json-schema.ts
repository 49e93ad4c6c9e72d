import { COMMAND_TYPES, EVENT_TYPES, ROLES } from '@sce/domain';
import eventTypes from '../generated/event-types.schema.json';
import { OUTCOME_SCHEMAS } from './outcome-schemas';
import { dtoSchemas, envelopeName, envelopeSchemas } from './payload-schemas';
import { instant, obj, oneOf, str, type Schema } from './schema-kit';

export const JSON_SCHEMA_2020 = 'https://json-schema.org/draft/2020-12/schema';

/**
 * The rules the engine checks that JSON Schema cannot say, by name and the fields they are about:
 * where the engine and a schema validator may disagree, and only there.
 */
export const RULES_NOT_IN_JSON_SCHEMA = {
  /** An IANA time zone the runtime knows (the schema says: a string). */
  timeZone: /(^|\.)timeZone$/,
  /** RFC 3339's calendar limits that format validators read differently (a leap second, 24:00, year 0000). */
  instantCalendar: /(^metadata\.occurredAt|At)$/,
} as const;

/**
 * A schema of OpenAPI 3.0's dialect in plain JSON Schema: `nullable` becomes a `null` type, `example`
 * becomes `examples`, `discriminator` goes (its `oneOf` says the same), and refs point at `refPrefix`
 * (`#/$defs/` in a schema file, `#/components/schemas/` in AsyncAPI).
 */
export function plainJsonSchema(schema: unknown, refPrefix: string): unknown {
  if (Array.isArray(schema)) return schema.map((s) => plainJsonSchema(s, refPrefix));
  if (schema === null || typeof schema !== 'object') return schema;
  const { nullable, example, discriminator: _discriminator, ...rest } = schema as Schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(rest)) {
    if (key === '$ref' && typeof value === 'string')
      out.$ref = value.replace(/^#\/(components\/schemas|\$defs)\//, refPrefix);
    else if (key === 'properties' || key === '$defs' || key === 'definitions')
      out[key] = Object.fromEntries(
        Object.entries(value as Schema).map(([k, v]) => [k, plainJsonSchema(v, refPrefix)]),
      );
    else out[key] = plainJsonSchema(value, refPrefix);
  }
  if (nullable && typeof out.type === 'string') out.type = [out.type, 'null'];
  if (nullable && Array.isArray(out.enum)) out.enum = [...out.enum, null];
  if (example !== undefined) out.examples = [example];
  return out;
}

const defsOf = (schemas: Record<string, unknown>, refPrefix: string) =>
  Object.fromEntries(Object.entries(schemas).map(([name, s]) => [name, plainJsonSchema(s, refPrefix)]));

/** What every stored event carries besides its data. */
const METADATA = obj(
  {
    actor: obj({ role: oneOf(...ROLES), id: str }),
    occurredAt: { ...instant, description: 'business time, canonical UTC' },
    commandId: str,
    correlationId: str,
    keyId: { ...str, description: 'the API key that sent the command' },
    traceparent: { ...str, description: 'W3C trace context of the command, when it was traced' },
  },
  ['commandId', 'correlationId', 'keyId', 'traceparent'],
);

/** The named schemas every document shares, for `refPrefix`: DTOs, envelopes, outcomes, event data. */
export function sharedSchemas(refPrefix: string): Record<string, unknown> {
  const { CommandEnvelope: _oneOf, ...envelopes } = envelopeSchemas();
  return {
    ...defsOf(dtoSchemas(), refPrefix),
    ...defsOf(envelopes, refPrefix),
    ...defsOf(OUTCOME_SCHEMAS, refPrefix),
    ...defsOf(eventTypes as Record<string, unknown>, refPrefix),
    EventMetadata: plainJsonSchema(METADATA, refPrefix),
    StoredEvent: storedEvent(refPrefix),
  };
}

/** An event as `sce.events` carries it: the stored event, its `data` the schema of its `type`. */
function storedEvent(refPrefix: string): Schema {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'stream', 'revision', 'position', 'type', 'data', 'metadata', 'recordedAt'],
    properties: {
      id: str,
      stream: str,
      revision: { type: 'integer', minimum: 0 },
      position: { type: 'integer', minimum: 1 },
      type: { type: 'string', enum: [...EVENT_TYPES] },
      data: { type: 'object' },
      metadata: { $ref: `${refPrefix}EventMetadata` },
      recordedAt: instant,
    },
    oneOf: EVENT_TYPES.map((type) => ({
      properties: { type: { const: type }, data: { $ref: `${refPrefix}${type}` } },
    })),
  };
}

/** The names `schema` refers to, and those they refer to, in `defs`. */
function reachable(schema: unknown, defs: Record<string, unknown>, found = new Set<string>()): Set<string> {
  const text = JSON.stringify(schema);
  for (const [, name] of text.matchAll(/"#\/\$defs\/([^"]+)"/g))
    if (!found.has(name!)) {
      found.add(name!);
      reachable(defs[name!], defs, found);
    }
  return found;
}

function file(id: string, title: string, body: Schema): Schema {
  const defs = sharedSchemas('#/$defs/');
  const used = [...reachable(body, defs)].sort();
  return {
    $schema: JSON_SCHEMA_2020,
    $id: `urn:sce:schemas:${id}`,
    title,
    ...body,
    $defs: Object.fromEntries(used.map((name) => [name, defs[name]])),
  };
}

/**
 * The JSON Schema (2020-12) documents of the wire, for producers and consumers in any language:
 * a command envelope (one per type, by `type`), a result on `sce.command-results`, an event on
 * `sce.events`. Served at /v1/schemas and written to docs/contracts/.
 */
export function jsonSchemas(): Record<'commands' | 'results' | 'events', Schema> {
  return {
    commands: file('commands', 'A command envelope (POST /v1/commands, sce.commands)', {
      oneOf: COMMAND_TYPES.map((type) => ({ $ref: `#/$defs/${envelopeName(type)}` })),
    }),
    results: file('results', 'The outcome of one command message (sce.command-results)', {
      oneOf: ['Accepted', 'Rejected', 'Invalid', 'Conflict', 'Failed'].map((name) => ({ $ref: `#/$defs/${name}` })),
    }),
    events: file('events', 'One event of the log (sce.events)', { $ref: '#/$defs/StoredEvent' }),
  };
}
