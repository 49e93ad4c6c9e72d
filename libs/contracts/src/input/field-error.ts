/** A field that failed validation: where (a dotted path such as `payload.lines[0].quantity`) and why. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * The path of `key` inside `parent`: `parent.key`, `parent[0]` for an index, and
 * `parent["odd key"]` for a name that is not a plain identifier, so every field can be named.
 */
export function fieldPath(parent: string, key: string | number): string {
  if (typeof key === 'number' || /^\d+$/.test(key)) return `${parent}[${key}]`;
  if (!/^[A-Za-z_$][\w$-]*$/.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent ? `${parent}.${key}` : key;
}
