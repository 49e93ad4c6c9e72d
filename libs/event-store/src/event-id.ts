import { createHash, randomUUID } from 'node:crypto';

/**
 * A command's events get name-based ids (UUID v5 layout over SHA-1 of command, stream and revision),
 * so a retried write of the same command carries the same ids. Other appends get random ids.
 */
export function eventId(commandId: string | undefined, stream: string, revision: number): string {
  if (commandId === undefined) return randomUUID();
  const hash = createHash('sha1').update(`${commandId}\u0000${stream}\u0000${revision}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
