import { fieldPath, type FieldError } from './field-error';

/** Deeper than any envelope needs (a shipping template is five levels): a body nested past it is refused. */
export const MAX_DEPTH = 16;

/**
 * Names that are never a field of any command: those of `Object.prototype` (`constructor`,
 * `__proto__`, `toString`, ...) and `prototype`. Validation libraries treat them as the object's
 * own machinery, so they are refused before anything reads the body.
 */
const RESERVED = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/**
 * Checks untrusted JSON before any library walks it: no reserved key names, no nesting past
 * `maxDepth`. Iterative, so a body nested 100,000 deep costs a loop, not the call stack.
 * @returns the first problem found, naming the field, or undefined when the body is safe to read.
 */
export function inspectInput(value: unknown, root = '', maxDepth = MAX_DEPTH): FieldError | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length) {
    const { value: node, path, depth } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= maxDepth)
      return { field: path || '(body)', message: `the body is nested deeper than ${maxDepth} levels` };
    if (Array.isArray(node)) {
      node.forEach((item, i) => stack.push({ value: item, path: fieldPath(path, i), depth: depth + 1 }));
      continue;
    }
    for (const key of Object.keys(node)) {
      const field = fieldPath(path, key);
      if (RESERVED.has(key)) return { field, message: `"${key}" is not a field name this engine accepts` };
      stack.push({ value: (node as Record<string, unknown>)[key], path: field, depth: depth + 1 });
    }
  }
  return undefined;
}
