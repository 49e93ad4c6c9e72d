/** A JSON Schema in the OpenAPI 3.0 dialect. */
export type Schema = Record<string, unknown>;

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
export const str: Schema = { type: 'string' };
export const int: Schema = { type: 'integer' };
export const num: Schema = { type: 'number' };
export const bool: Schema = { type: 'boolean' };
export const date: Schema = { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
export const month: Schema = { type: 'string', pattern: '^\\d{4}-\\d{2}$' };
export const instant: Schema = { type: 'string', format: 'date-time' };
export const money: Schema = { type: 'integer', description: "minor units of the shop's currency" };
export const nullable = (schema: Schema): Schema => ({ ...schema, nullable: true });
export const list = (items: Schema): Schema => ({ type: 'array', items });
export const oneOf = (...values: string[]): Schema => ({ type: 'string', enum: values });

/** An object with exactly these fields (all required unless listed as optional), and no others. */
export function obj(properties: Record<string, Schema>, optional: string[] = []): Schema {
  return {
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
    properties,
  };
}

/** An object keyed by each of `keys`, each value `value`. */
export const counts = (keys: string[]): Schema => obj(Object.fromEntries(keys.map((k) => [k, int])));
