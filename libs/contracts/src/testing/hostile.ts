import fc from 'fast-check';
import { commandSequence, opening } from '@sce/domain/testkit';
import type { Command } from '@sce/domain';

/** A JSON value nested `depth` levels deep, as arrays or objects (2,000 at most: JSON.stringify recurses). */
const nested = (depth: number, asObject: boolean): unknown => {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = asObject ? { a: value } : [value];
  return value;
};

const RESERVED = ['constructor', '__proto__', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'];

/** A JSON object with a reserved key, built by JSON.parse so `__proto__` is an own key, as off the wire. */
const withReservedKey = fc
  .tuple(fc.constantFrom(...RESERVED), fc.jsonValue({ maxDepth: 2 }))
  .map(([key, value]) => JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(value) ?? 'null'}}`) as unknown);

/** Times in every shape an ISO-8601 parser might take, most of them not RFC 3339 instants. */
export const oddTimes = fc.constantFrom(
  '2026-W48-5',
  '2026-331',
  '2026-11-27',
  '2026-11-27T15:04',
  '2026-11-27T15:04:05',
  '2026-11-27T15:04:05+14:00',
  '2026-11-27T15:04:05.123456789-12:00',
  '2026-02-30T00:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-00-10T00:00:00Z',
  '2026-12-31T23:59:60Z',
  '2026-11-27T24:00:00Z',
  '+275760-09-13T00:00:00Z',
  '0000-01-01T00:00:00+01:00',
  '9999-12-31T23:59:59-23:59',
  'now',
  '',
);

/** Local dates, real and impossible, for the read routes' `from` and `to`. */
export const oddDates = fc.constantFrom(
  '2026-11-27',
  '2026-02-28',
  '2024-02-29',
  '2026-02-29',
  '2026-02-30',
  '2026-13-01',
  '2026-00-01',
  '2026-11-00',
  '2026-11-31',
  '0000-01-01',
  '9999-12-31',
  '2026-1-1',
  '20261127',
  '2026-W48',
  '',
);

/** Values a hostile caller puts where a field should be. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  withReservedKey,
  fc.integer({ min: 14, max: 2000 }).chain((depth) => fc.boolean().map((asObject) => nested(depth, asObject))),
  oddTimes,
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -0, 0.1, -1, 1.5, 'NaN', '1e3', '0x10', null, true, [], {}),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('x'.repeat(5000), 'p 1', 'p/1', '../etc', '\u0000', '<script>', 'UPS_GROUND'),
);

type Json = Record<string, unknown>;
type Path = (string | number)[];

/** Every path to a value inside `value`: where a mutation may strike. */
function pathsIn(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object' || prefix.length > 5) return [prefix];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [prefix, ...keys.flatMap((k) => pathsIn((value as Json)[k as string], [...prefix, k]))];
}

/** Changes `root` in place (it is made afresh for each case: nested values may be too deep to clone). */
function setAt(root: Json, path: Path, change: (parent: Json, key: string | number) => void): Json {
  let parent: Json = root;
  for (const key of path.slice(0, -1)) parent = parent[key as string] as Json;
  change(parent, path[path.length - 1]!);
  return root;
}

const mutation = fc.oneof(
  hostileValue.map((value) => (parent: Json, key: string | number) => void (parent[key as string] = value)),
  fc.constant((parent: Json, key: string | number) => void delete parent[key as string]),
  fc
    .tuple(fc.oneof(fc.constantFrom(...RESERVED), fc.string({ maxLength: 12 })), hostileValue)
    .map(([name, value]) => (parent: Json) => {
      if (typeof parent === 'object' && parent !== null && !Array.isArray(parent))
        Object.defineProperty(parent, name, { value, enumerable: true, writable: true, configurable: true });
    }),
);

/** A valid envelope of a command: what the seller story and random histories send. */
export const envelopeOf = (command: Command, commandId: string): Json => ({
  commandId,
  type: command.type,
  ...(command.type === 'CreateCampaign' ? {} : { shopId: command.shopId }),
  payload: structuredClone(command.payload),
  metadata: { occurredAt: command.metadata.occurredAt },
});

/** Valid commands of every type (the opening and random histories). */
export const validCommand: fc.Arbitrary<Command> = fc.oneof(
  fc.constantFrom(...opening()),
  commandSequence(12).chain((commands) => fc.constantFrom(...commands)),
);

/**
 * A hostile envelope: a valid command's envelope with one to three mutations anywhere in it (a
 * field set to a hostile value, removed, or a field added), or any JSON at all.
 */
export const hostileEnvelope: fc.Arbitrary<{ command: Command; body: unknown }> = fc.oneof(
  {
    weight: 9,
    arbitrary: fc
      .tuple(validCommand, fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: 3 }), fc.uuid())
      .map(([command, mutations, id]) => {
        let body = envelopeOf(command, `fz-${id}`);
        for (const [pick, change] of mutations) {
          const paths = pathsIn(body).filter((p) => p.length > 0);
          body = setAt(body, paths[pick % paths.length]!, change);
        }
        return { command, body };
      }),
  },
  { weight: 1, arbitrary: fc.tuple(validCommand, fc.jsonValue()).map(([command, body]) => ({ command, body })) },
);
