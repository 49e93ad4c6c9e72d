import 'reflect-metadata';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { envelopeOf, hostileEnvelope, validCommand } from '../testing/hostile';
import { validateEnvelope } from '../validate';
import { jsonSchemas, RULES_NOT_IN_JSON_SCHEMA } from './json-schema';

const at = new Date('2026-11-27T15:04:05.000Z');
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const schemas = jsonSchemas();
const commands = ajv.compile(schemas.commands);
const unsayable = (field: string) => Object.values(RULES_NOT_IN_JSON_SCHEMA).some((rule) => rule.test(field));

/** The published JSON Schema of commands, read by an independent validator (ajv), agrees with the engine's validation. */
describe('the JSON Schema of commands', () => {
  it('compiles, with the results and events schemas, under JSON Schema 2020-12 and every format', () => {
    expect(() => ajv.compile(schemas.results)).not.toThrow();
    expect(() => ajv.compile(schemas.events)).not.toThrow();
  });

  it('takes every valid command of every type', () => {
    fc.assert(
      fc.property(validCommand, (command) => {
        expect([command.type, commands(envelopeOf(command, 'c-1')), commands.errors]).toEqual([
          command.type,
          true,
          null,
        ]);
      }),
      { numRuns: 2000 },
    );
  });

  it(`refuses what the engine refuses and takes what it takes, but for the rules JSON Schema cannot say (${Object.keys(RULES_NOT_IN_JSON_SCHEMA).join(', ')})`, () => {
    fc.assert(
      fc.property(hostileEnvelope, ({ command, body: built }) => {
        // As the wire carries it: no undefined, no holes.
        const body = JSON.parse(JSON.stringify(built) ?? 'null') as unknown;
        const engine = validateEnvelope(body, { role: command.metadata.actor.role, shopId: command.shopId }, at);
        const schema = commands(body);
        if (engine.ok) expect([schema, commands.errors]).toEqual([true, null]);
        else if (schema) expect(engine.errors.filter((e) => !unsayable(e.field))).toEqual([]);
      }),
      { numRuns: 10_000 },
    );
  });
});
