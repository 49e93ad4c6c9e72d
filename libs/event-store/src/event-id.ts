import { hash, randomUUID } from 'node:crypto';

/**
 * A command's events get name-based ids (UUID v5 layout over SHA-1 of command, stream and revision),
 * so a retried write of the same command carries the same ids. Other appends get random ids.
 */
export function eventId(commandId: string | undefined, stream: string, revision: number): string {
  if (commandId === undefined) return randomUUID();
  const hex = hash('sha1', `${commandId}\u0000${stream}\u0000${revision}`, 'hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
