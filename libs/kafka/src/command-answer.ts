import type { IHeaders, KafkaMessage, Message } from 'kafkajs';

/** What the engine answers to one command message: the result to publish, and why it is a dead letter. */
export interface IntakeReply {
  commandId?: string;
  result: object;
  deadLetter?: string;
}

/**
 * The transport-neutral command intake: a decoded body, the sender's API key, a correlation id.
 * It throws an error with `retriable: true` when the message should come again (the store is
 * away); anything else it throws makes the message a dead letter.
 */
export type CommandIntake = (body: unknown, apiKey: string | undefined, correlationId: string) => Promise<IntakeReply>;

/**
 * A command message on its way into a run: its decoded body, its sender's API key, its correlation
 * id, and `within`, which runs work in the message's own context (its span: what the engine does
 * for it, and the traceparent its events carry, belong to its trace).
 */
export interface IntakeMessage {
  body: unknown;
  apiKey: string | undefined;
  correlationId: string;
  within: <T>(work: () => T) => T;
}

/** A message's reply, what the intake failed with on it, or nothing (a failure before it stopped the run). */
export type RunReply = { ok: true; value: IntakeReply } | { ok: false; error: unknown } | undefined;

/**
 * The intake for a run: one key's messages, in their order, answered as if one by one. It stops
 * at a failure and leaves the later messages unanswered (undefined): a retriable failure stops
 * the key; after any other, the messages left go in again as a new run.
 */
export type CommandRunIntake = (messages: IntakeMessage[]) => Promise<RunReply[]>;

/** The messages one command message is answered with, by topic. */
export interface Answer {
  result: Message;
  deadLetter?: Message;
}

export const isRetriable = (error: unknown) => (error as { retriable?: unknown } | null)?.retriable === true;

/** A run intake made of a one-message intake: the messages one after another, up to the first failure. */
export function oneByOne(intake: CommandIntake): CommandRunIntake {
  return async (messages) => {
    const replies: RunReply[] = messages.map(() => undefined);
    for (const [i, { body, apiKey, correlationId, within }] of messages.entries()) {
      try {
        replies[i] = { ok: true, value: await within(() => intake(body, apiKey, correlationId)) };
      } catch (error) {
        replies[i] = { ok: false, error };
        break;
      }
    }
    return replies;
  };
}

/** The answer to a message: its result, and the message itself as a dead letter when it cannot become a command. */
export function answerWith(
  message: KafkaMessage,
  source: string,
  headers: Record<string, string>,
  reply: IntakeReply,
): Answer {
  const result = { key: reply.commandId ?? message.key, value: JSON.stringify(reply.result), headers };
  if (!reply.deadLetter) return { result };
  const why = { 'sce-error': reply.deadLetter, 'sce-source': source };
  return {
    result,
    deadLetter: { key: message.key, value: message.value, headers: { ...stringHeaders(message.headers), ...why } },
  };
}

/** The reply to a message the intake failed on, not retriably: an `error` result, the message a dead letter. */
export function errorReply(body: unknown, correlationId: string, error: unknown): IntakeReply {
  const sent = (body as { commandId?: unknown } | null)?.commandId;
  const commandId = typeof sent === 'string' ? sent : undefined;
  const why = `the engine failed on this message: ${(error as Error)?.message ?? String(error)}`;
  return {
    commandId,
    result: { ...(commandId !== undefined ? { commandId } : {}), status: 'error', message: why, correlationId },
    deadLetter: why,
  };
}

/** The reply to a message that is not JSON: `invalid`, the message a dead letter. */
export function notJson(error: unknown): IntakeReply {
  const why = `the message is not JSON: ${(error as Error).message}`;
  return { result: { status: 'invalid', errors: [{ field: '(body)', message: why }] }, deadLetter: why };
}

/** The API key a message carries: `authorization: Bearer <key>`, else `x-api-key`. */
export function apiKeyOf(message: KafkaMessage): string | undefined {
  const bearer = header(message.headers, 'authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer ?? header(message.headers, 'x-api-key');
}

/** The answer to a message nothing could be made of: an `error` result, and the message as a dead letter. */
export function failedAnswer(message: KafkaMessage, source: string, error: unknown): Answer {
  const why = `the engine failed on this message: ${(error as Error)?.message ?? String(error)}`;
  const correlationId = header(message.headers, 'correlation-id') ?? source;
  return {
    result: {
      key: message.key,
      value: JSON.stringify({ status: 'error', message: why, correlationId }),
      headers: { 'correlation-id': correlationId, 'command-id': '' },
    },
    deadLetter: {
      key: message.key,
      value: message.value,
      headers: { ...stringHeaders(message.headers), 'sce-error': why, 'sce-source': source },
    },
  };
}

/** A header's first value as text. */
export function header(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/** Every header as text (its first value). */
export function stringHeaders(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.keys(headers ?? {}).map((name) => [name, header(headers, name) ?? '']));
}
