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

/** JSON with keys sorted at every depth and undefined members left out, written in one pass. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  let text = '';
  for (const key of sortedKeys(record)) {
    const member = record[key];
    if (member === undefined) continue;
    text += `${text ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(member)}`;
  }
  return `{${text}}`;
}

/**
 * Keys sorted, then in the order an object built from them enumerates them (array-index keys first,
 * numerically): the order the first release's text had, which recorded digests depend on.
 */
function sortedKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record).sort();
  const indices = keys.filter(isArrayIndex);
  if (!indices.length) return keys;
  return [...indices.sort((a, b) => Number(a) - Number(b)), ...keys.filter((k) => !isArrayIndex(k))];
}

const isArrayIndex = (key: string): boolean => /^(0|[1-9]\d*)$/.test(key) && Number(key) < 2 ** 32 - 1;
