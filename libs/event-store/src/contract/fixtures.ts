import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../event-store.port';

export const stream = (category = 'order') => `${category}-${randomUUID().slice(0, 8)}`;

export const event = (type = 'OrderPlaced', data: unknown = { n: 1 }): NewEvent => ({
  type,
  data,
  metadata: { actor: { role: 'BUYER', id: 'b-1' }, occurredAt: '2026-11-27T15:04:05.000Z' },
});

export const events = (count: number, type = 'OrderPlaced') =>
  Array.from({ length: count }, (_, n) => event(type, { n }));

/** A command appending two events to a new stream `s`, with its ledger entry. */
export const command = (commandId: string, s: string) => ({
  commandId,
  fingerprint: `fp-${commandId}`,
  writes: [{ stream: s, expected: -1, events: events(2) }],
});
