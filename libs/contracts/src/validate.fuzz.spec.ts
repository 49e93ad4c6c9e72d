import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import fc from 'fast-check';
import { PAYLOADS } from './payloads';
import { canonicalInstant } from './input/instant';
import { envelopeOf, hostileEnvelope, validCommand } from './testing/hostile';
import { validateEnvelope } from './validate';

const at = new Date('2026-11-27T15:04:05.000Z');

/** The fields a DTO requires: those validated without IsOptional. */
function required(type: new () => object): string[] {
  const rules = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false);
  const optional = new Set(rules.filter((r) => r.type === 'conditionalValidation').map((r) => r.propertyName));
  return [...new Set(rules.map((r) => r.propertyName))].filter((p) => !optional.has(p));
}

describe('validating hostile envelopes (property-based)', () => {
  it('takes every valid command of every type as it was sent', () => {
    fc.assert(
      fc.property(validCommand, (command) => {
        const sender = { role: command.metadata.actor.role, shopId: command.shopId };
        const result = validateEnvelope(envelopeOf(command, 'c-1'), sender, at);
        expect(result).toMatchObject({ ok: true, command: { type: command.type, payload: command.payload } });
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws: any envelope is either a command with canonical instants, or errors naming fields', () => {
    fc.assert(
      fc.property(hostileEnvelope, ({ command, body }) => {
        const result = validateEnvelope(body, { role: command.metadata.actor.role, shopId: command.shopId }, at);
        if (result.ok) {
          const { occurredAt } = result.command.metadata;
          expect(canonicalInstant(occurredAt)).toBe(occurredAt);
          const payload = result.command.payload as Record<string, unknown>;
          for (const field of required(PAYLOADS[result.command.type]))
            expect([field, payload[field]]).not.toEqual([field, undefined]);
          return;
        }
        expect(result.errors.length).toBeGreaterThan(0);
        for (const error of result.errors) {
          expect(error.field).toMatch(/^(\(body\)|[A-Za-z_$[])/);
          expect(error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 20_000 },
    );
  });
});
