import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import type { Command, Principal, Role } from '@sce/domain';
import { CommandEnvelopeDto } from './envelope.dto';
import { fieldPath, type FieldError } from './input/field-error';
import { inspectInput } from './input/safe-input';
import { rememberValidationMetadata } from './input/validation-metadata';
import { PAYLOADS } from './payloads';

export type { FieldError } from './input/field-error';

rememberValidationMetadata();

export type Validated = { ok: true; commandId: string; command: Command } | { ok: false; errors: FieldError[] };

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = fieldPath(prefix, error.property);
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Validates `plain` as a `type`. Only for input `inspectInput` passed: class-transformer walks
 * every key it is given, reserved names included.
 */
export function check<T extends object>(
  type: new () => T,
  plain: unknown,
  prefix = '',
): { value: T; errors: FieldError[] } {
  const value = plainToInstance(type, plain, { enableImplicitConversion: false });
  const errors = validateSync(value, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  return { value, errors: flatten(errors, prefix) };
}

/** Who sent the envelope: an API key's role and shop, and its id. */
export type Sender = Principal & { keyId?: string };

/**
 * Validates an envelope and its payload for its type, and builds the domain command. The actor
 * is the sending key: its role (a `metadata.actor.role` that differs is left for the domain to
 * refuse) and its id, except that a BUYER key names the buyer it acts for (`metadata.actor.id`,
 * else the payload's `buyerId`); `metadata.keyId` records the key either way. Instants come out in
 * their canonical UTC form; `occurredAt` defaults to `receivedAt`. Unknown fields are refused, so
 * a typo never passes silently; reserved names and deep nesting are refused before anything walks them.
 */
export function validateEnvelope(body: unknown, sender: Sender, receivedAt: Date): Validated {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return {
      ok: false,
      errors: [{ field: '(body)', message: 'the body must be a JSON object: the command envelope' }],
    };
  }
  const unsafe = inspectInput(body);
  if (unsafe) return { ok: false, errors: [unsafe] };
  const envelope = check(CommandEnvelopeDto, body);
  if (envelope.errors.length) return { ok: false, errors: envelope.errors };
  const { commandId, type, shopId, payload, metadata } = envelope.value;
  const payloadType = PAYLOADS[type as Command['type']];
  const checked = check(payloadType, payload, 'payload');
  const errors = [...checked.errors];
  if (type !== 'CreateCampaign' && !shopId) errors.push({ field: 'shopId', message: `shopId is required for ${type}` });
  if (errors.length) return { ok: false, errors };
  const data = JSON.parse(JSON.stringify(checked.value)) as Record<string, unknown>;
  const actor = {
    role: (metadata?.actor?.role ?? sender.role) as Role,
    id: actorId(sender, metadata?.actor?.id, data),
  };
  const command = {
    type,
    shopId: shopId ?? '',
    payload: data,
    metadata: {
      actor,
      occurredAt: metadata?.occurredAt ?? receivedAt.toISOString(),
      ...(metadata?.correlationId ? { correlationId: metadata.correlationId } : {}),
      ...(sender.keyId ? { keyId: sender.keyId } : {}),
    },
  } as Command;
  return { ok: true, commandId, command };
}

function actorId(sender: Sender, claimed: string | undefined, payload: Record<string, unknown>): string {
  const key = sender.keyId ?? sender.role.toLowerCase();
  if (sender.role !== 'BUYER') return claimed ?? key;
  return claimed ?? (typeof payload.buyerId === 'string' ? payload.buyerId : key);
}
