import { DomainError } from './domain-error';

/** What makes two commands "the same" for idempotency: metadata is not compared. */
export interface CommandIdentity {
  type: string;
  shopId?: string;
  payload: unknown;
}

/** A stable text for a command's identity: keys sorted at every depth. */
export function commandFingerprint(command: CommandIdentity): string {
  return canonicalJson({ type: command.type, shopId: command.shopId ?? null, payload: command.payload });
}

/**
 * A command id came back: it must name the same command as the first time. Callers may store a
 * digest of {@link commandFingerprint} instead of the text, as long as both sides use the same.
 * @throws DomainError `command.id-reused` when type, shop or payload differ.
 */
export function assertSameCommand(commandId: string, recordedFingerprint: string, incomingFingerprint: string): void {
  if (recordedFingerprint !== incomingFingerprint) {
    throw new DomainError(
      'command.id-reused',
      `command id ${commandId} was already used for a different command (type, shopId or payload differ)`,
    );
  }
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}
