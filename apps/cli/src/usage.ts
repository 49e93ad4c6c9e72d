import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Thrown for a bad argument: the CLI prints it with the command's usage and exits 2. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * A command's arguments by `node:util`'s parser, strict: an unknown option, a missing value or a
 * stray word is a UsageError naming it, never a silent default. (`--help` is answered before.)
 */
export function parseOptions<O extends Options>(args: string[], options: O, positionals = false) {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: positionals,
    });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional.*$/s, ''));
  }
}

/** A whole number of at least 0, or a UsageError naming the option. */
export function wholeNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value)) throw new UsageError(`--${name} must be a whole number of 0 or more, not ${value}`);
  return Number(value);
}

/** A comma-separated list of names, each one of `known`, or a UsageError naming the first stranger. */
export function namesOf(name: string, value: string | undefined, known: readonly string[]): string[] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(',').map((n) => n.trim());
  const stranger = names.find((n) => !known.includes(n));
  if (stranger !== undefined)
    throw new UsageError(`--${name}: ${stranger || '(empty)'} is not one of ${known.join(', ')}`);
  return names;
}
