import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import type { Command, Principal, Role } from '@sce/domain';
import { CommandEnvelopeDto } from './envelope.dto';
import { PAYLOADS } from './payloads';

/** A field that failed validation: where (a dotted path) and why. */
export interface FieldError {
  field: string;
  message: string;
}

export type Validated = { ok: true; commandId: string; command: Command } | { ok: false; errors: FieldError[] };

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property)
      ? `${prefix}[${error.property}]`
      : prefix
        ? `${prefix}.${error.property}`
        : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

function check<T extends object>(type: new () => T, plain: unknown, prefix = ''): { value: T; errors: FieldError[] } {
  const value = plainToInstance(type, plain, { enableImplicitConversion: false });
  const errors = validateSync(value, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  return { value, errors: flatten(errors, prefix) };
}

/**
 * Validates an envelope and its payload for its type, and builds the domain command: the actor is
 * the caller (a `metadata.actor.role` that differs is left for the domain to refuse), `occurredAt`
 * defaults to `receivedAt`. Unknown fields are refused, so a typo never passes silently.
 */
export function validateEnvelope(body: unknown, caller: Principal & { id?: string }, receivedAt: Date): Validated {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return {
      ok: false,
      errors: [{ field: '(body)', message: 'the body must be a JSON object: the command envelope' }],
    };
  }
  const envelope = check(CommandEnvelopeDto, body);
  if (envelope.errors.length) return { ok: false, errors: envelope.errors };
  const { commandId, type, shopId, payload, metadata } = envelope.value;
  const payloadType = PAYLOADS[type as Command['type']];
  const checked = check(payloadType, payload, 'payload');
  const errors = [...checked.errors];
  if (type !== 'CreateCampaign' && !shopId) errors.push({ field: 'shopId', message: `shopId is required for ${type}` });
  if (errors.length) return { ok: false, errors };
  const actor = {
    role: (metadata?.actor?.role ?? caller.role) as Role,
    id: metadata?.actor?.id ?? caller.id ?? caller.role.toLowerCase(),
  };
  const occurredAt = new Date(metadata?.occurredAt ?? receivedAt).toISOString();
  const command = {
    type,
    shopId: shopId ?? '',
    payload: JSON.parse(JSON.stringify(checked.value)),
    metadata: { actor, occurredAt, ...(metadata?.correlationId ? { correlationId: metadata.correlationId } : {}) },
  } as Command;
  return { ok: true, commandId, command };
}
