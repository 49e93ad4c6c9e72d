import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { hash } from 'node:crypto';
import {
  assertSameCommand,
  commandFingerprint,
  streamOf,
  type Command,
  type DomainEvent,
  type Emitted,
} from '@sce/domain';
import type { CommandOutcome, CommandRecord, StreamWrite } from '@sce/event-store';
import type { CachedState } from './state-cache';

/** What a caller gets back: the first outcome of this command id, or a conflict retries could not resolve. */
export type HandledOutcome = CommandOutcome | { status: 'conflict'; message: string };

/** Another process won the race: wait a little, more each time, at random so racers spread out. */
export function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 ** attempt, 100)));
}

/**
 * Groups events by stream, streams in the order the decision emitted them (so the global log keeps
 * that order), then the streams only read, as conditions. Streams read are appended at the
 * revision read, others at any. Every event carries the command's metadata, with the actor the
 * decision named for it, if any (an automation's).
 */
export function toWrites(
  command: Command,
  commandId: string,
  events: Emitted<DomainEvent>[],
  loaded: Map<string, CachedState>,
): StreamWrite[] {
  const metadata = { ...command.metadata, commandId };
  const writes = new Map<string, StreamWrite>();
  for (const event of events) {
    const stream = streamOf(event);
    const write = writes.get(stream) ?? {
      stream,
      expected: loaded.get(stream)?.revision ?? ('any' as const),
      events: [],
    };
    write.events.push({
      type: event.type,
      data: event.data,
      metadata: event.actor ? { ...metadata, actor: event.actor } : metadata,
    });
    writes.set(stream, write);
  }
  for (const [stream, { revision }] of loaded)
    if (!writes.has(stream)) writes.set(stream, { stream, expected: revision, events: [] });
  return [...writes.values()];
}

/** The append as a span of the command's trace (a no-op when tracing is off). */
export function appendTraced<T>(type: string, append: () => Promise<T>): Promise<T> {
  return trace.getTracer('sce-engine').startActiveSpan(`append ${type}`, { kind: SpanKind.INTERNAL }, async (span) => {
    try {
      return await append();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** A digest of what makes the command itself: type, shop and payload (not metadata). */
export function fingerprintOf(command: Command): string {
  return hash('sha256', commandFingerprint(command), 'base64url');
}

/** The outcome recorded first for this id, if the id names the same command. */
export function firstOutcome(commandId: string, fingerprint: string, record: CommandRecord): CommandOutcome {
  assertSameCommand(commandId, record.fingerprint, fingerprint);
  return record.outcome;
}
