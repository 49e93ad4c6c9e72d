import { opening } from '@sce/domain/testkit';
import { decideOn, DomainError, streamOf, type Command, type DomainEvent, type Role } from '@sce/domain';
import type { StoredEvent } from '@sce/event-store';
import { parseKey, type Model } from '../doc-key';
import { replay } from '../project-batch';

let position = 0;

/** The domain test kit's opening (a ready shop, a campaign, two active products), the shop in `timeZone`. */
export const openingIn = (timeZone: string): Command[] =>
  opening().map((c) => (c.type === 'RegisterShop' ? { ...c, payload: { ...c.payload, timeZone } } : c));

/** Zones whose local days split the UTC day differently: eight hours behind, five and a half ahead, none. */
export const ZONES = ['UTC', 'America/Los_Angeles', 'Asia/Kolkata'] as const;

/** `event` as the store keeps it: at `at`, caused by `by`, at the next position of this file's log. */
export function stored(event: DomainEvent, at: string, by: Role = 'SYSTEM'): StoredEvent {
  position += 1;
  return {
    id: `e-${position}`,
    stream: streamOf(event),
    revision: 0,
    position,
    type: event.type,
    data: event.data,
    metadata: { actor: { role: by, id: `${by.toLowerCase()}-1` }, occurredAt: at },
    recordedAt: at,
  };
}

/**
 * The history `commands` write, without a store: each decided on the events before it, the
 * rejected ones left out, every event with its own actor (or the command's) in its metadata.
 */
export function historyOf(commands: Command[]): StoredEvent[] {
  const events: DomainEvent[] = [];
  const log: StoredEvent[] = [];
  for (const command of commands) {
    let emitted;
    try {
      emitted = decideOn(events, command);
    } catch (error) {
      if (error instanceof DomainError) continue;
      throw error;
    }
    for (const { actor, ...event } of emitted) {
      events.push(event as DomainEvent);
      const entry = stored(event as DomainEvent, command.metadata.occurredAt, (actor ?? command.metadata.actor).role);
      log.push({ ...entry, position: log.length + 1 });
    }
  }
  return log;
}

/** The documents of `model` after a full replay of `events`, by id. */
export async function documents<T>(events: StoredEvent[], model: Model): Promise<Record<string, T>> {
  const docs: Record<string, T> = {};
  for (const [key, doc] of await replay(events)) if (parseKey(key).model === model) docs[parseKey(key).id] = doc as T;
  return docs;
}
