import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { jsonSchemas, RULES_NOT_IN_JSON_SCHEMA } from '@sce/contracts';

let validators: Record<'commands' | 'results' | 'events', ValidateFunction> | undefined;

/** ajv (2020-12, every format checked) over the engine's published JSON Schemas. */
export function schemaValidators() {
  if (!validators) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const schemas = jsonSchemas();
    validators = {
      commands: ajv.compile(schemas.commands),
      results: ajv.compile(schemas.results),
      events: ajv.compile(schemas.events),
    };
  }
  return validators;
}

const describe = (errors: ErrorObject[] | null | undefined) =>
  JSON.stringify((errors ?? []).slice(0, 5).map((e) => `${e.instancePath} ${e.message}`));

/** Why `value` is not a valid `kind` message, or undefined. */
export function schemaMismatch(kind: 'commands' | 'results' | 'events', value: unknown): string | undefined {
  const validate = schemaValidators()[kind];
  return validate(value) ? undefined : `not a valid ${kind} message: ${describe(validate.errors)}`;
}

/**
 * Does the published command schema accept exactly what the engine accepted? A body the engine
 * took must validate; a body it refused as `invalid` must not, unless every field it named is one
 * of the rules JSON Schema cannot say.
 */
export function commandSchemaDisagrees(
  body: unknown,
  status: number,
  answer: { status?: string; errors?: { field: string }[] },
): string | undefined {
  if (status === 413 || status === 415) return undefined;
  const valid = schemaValidators().commands(body);
  const refused = status === 400 && answer.status === 'invalid';
  if (!refused && !valid)
    return `the engine took a command the schema refuses: ${describe(schemaValidators().commands.errors)}`;
  const unsayable = (field: string) => Object.values(RULES_NOT_IN_JSON_SCHEMA).some((rule) => rule.test(field));
  if (refused && valid && !(answer.errors ?? []).every((e) => unsayable(e.field)))
    return `the schema takes a command the engine refused: ${JSON.stringify(answer.errors)}`;
  return undefined;
}
