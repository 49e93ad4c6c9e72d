import { context, propagation, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import type { KafkaTopics } from './topics';

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

/** The messages one command message is answered with, by topic. */
export interface Answer {
  result: Message;
  deadLetter?: Message;
}

export const isRetriable = (error: unknown) => (error as { retriable?: unknown } | null)?.retriable === true;

/**
 * Answers one command message, in a span continuing the trace of its `traceparent` header (a no-op
 * when tracing is off): the result, and the message itself as a dead letter when it cannot become
 * a command. Throws only what is retriable.
 */
export function answer(
  message: KafkaMessage,
  source: string,
  topics: KafkaTopics,
  intake: CommandIntake,
  onProblem?: (what: string, error: unknown) => void,
): Promise<Answer> {
  const parent = propagation.extract(ROOT_CONTEXT, stringHeaders(message.headers));
  const tracer = trace.getTracer('sce-engine');
  return tracer.startActiveSpan(`${topics.commands} process`, { kind: SpanKind.CONSUMER }, parent, async (span) => {
    try {
      const correlationId = header(message.headers, 'correlation-id') ?? source;
      const reply = await replyTo(message, correlationId, source, intake, onProblem);
      const headers: Record<string, string> = { 'correlation-id': correlationId, 'command-id': reply.commandId ?? '' };
      propagation.inject(context.active(), headers);
      const result = { key: reply.commandId ?? message.key, value: JSON.stringify(reply.result), headers };
      if (!reply.deadLetter) return { result };
      const why = { 'sce-error': reply.deadLetter, 'sce-source': source };
      return {
        result,
        deadLetter: { key: message.key, value: message.value, headers: { ...stringHeaders(message.headers), ...why } },
      };
    } finally {
      span.end();
    }
  });
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

async function replyTo(
  message: KafkaMessage,
  correlationId: string,
  source: string,
  intake: CommandIntake,
  onProblem?: (what: string, error: unknown) => void,
): Promise<IntakeReply> {
  const apiKey =
    header(message.headers, 'authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? header(message.headers, 'x-api-key');
  let body: unknown;
  try {
    body = JSON.parse(message.value?.toString('utf8') ?? '');
  } catch (error) {
    const why = `the message is not JSON: ${(error as Error).message}`;
    return { result: { status: 'invalid', errors: [{ field: '(body)', message: why }] }, deadLetter: why };
  }
  try {
    return await intake(body, apiKey, correlationId);
  } catch (error) {
    if (isRetriable(error)) throw error;
    onProblem?.(`the command intake failed on ${source}; the message is a dead letter`, error);
    const commandId = (body as { commandId?: unknown } | null)?.commandId;
    const why = `the engine failed on this message: ${(error as Error)?.message ?? String(error)}`;
    return {
      commandId: typeof commandId === 'string' ? commandId : undefined,
      result: { ...(typeof commandId === 'string' ? { commandId } : {}), status: 'error', message: why, correlationId },
      deadLetter: why,
    };
  }
}

function header(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

function stringHeaders(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.keys(headers ?? {}).map((name) => [name, header(headers, name) ?? '']));
}
