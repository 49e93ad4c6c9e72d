import { createGenerator } from 'ts-json-schema-generator';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

/**
 * The JSON Schema of every event's `data`, by event type, generated from the domain's TypeScript
 * types (`DomainEvent` in libs/domain/src/messages.ts) and their TSDoc: the published events'
 * contract has no second copy by hand. Written to libs/contracts/src/generated/ by `npm run contracts`.
 */
export function eventTypeSchemas(): Record<string, Record<string, unknown>> {
  const union = createGenerator({
    path: join(ROOT, 'libs/domain/src/messages.ts'),
    tsconfig: join(ROOT, 'tsconfig.base.json'),
    type: 'DomainEvent',
    skipTypeCheck: true,
    additionalProperties: false,
    expose: 'none',
    topRef: false,
    jsDoc: 'extended',
  }).createSchema('DomainEvent') as {
    anyOf: { description?: string; properties: { type: { const: string }; data: object } }[];
  };
  return Object.fromEntries(
    union.anyOf
      .map(
        (member) =>
          [
            member.properties.type.const,
            { ...(member.description ? { description: member.description } : {}), ...member.properties.data },
          ] as const,
      )
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}
