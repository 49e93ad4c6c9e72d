import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  trace,
  type Context,
  type Span,
  type TextMapGetter,
} from '@opentelemetry/api';
import type { IHeaders, KafkaMessage } from 'kafkajs';
import {
  answerWith,
  apiKeyOf,
  errorReply,
  header,
  isRetriable,
  notJson,
  type Answer,
  type CommandRunIntake,
  type IntakeMessage,
  type IntakeReply,
} from './command-answer';
import type { KafkaTopics } from './topics';

/** A message's answer, or the retriable failure that stopped its key there, or nothing (not worked on). */
export type AnswerOutcome = { ok: true; value: Answer } | { ok: false; error: unknown } | undefined;

/** A message being answered: its span, and what the run intake gets of it. */
interface Open {
  message: KafkaMessage;
  source: string;
  span: Span;
  traced: Context;
  correlationId: string;
  /** The reply it has before any intake: it is not JSON. */
  early?: IntakeReply;
  entering?: IntakeMessage;
}

/**
 * Answers one key's messages, in their order, as runs of the intake: each message in a span
 * continuing the trace of its `traceparent` header (a no-op when tracing is off). A message that
 * is not JSON is answered without entering the run; one the intake failed on, not retriably, is
 * answered `error` and becomes a dead letter, and the messages after it go in again. A retriable
 * failure stops the key there: the later messages are not answered (they come again).
 */
export async function answerRun(
  messages: KafkaMessage[],
  sourceOf: (message: KafkaMessage) => string,
  topics: KafkaTopics,
  intake: CommandRunIntake,
  onProblem?: (what: string, error: unknown) => void,
): Promise<AnswerOutcome[]> {
  const opened = messages.map((message) => open(message, sourceOf(message), topics));
  const outcomes: AnswerOutcome[] = messages.map(() => undefined);
  try {
    for (const [i, message] of opened.entries()) if (message.early) outcomes[i] = answered(message, message.early);
    let waiting = opened.flatMap((message, i) => (message.entering ? [i] : []));
    while (waiting.length) {
      const replies = await intake(waiting.map((i) => opened[i]!.entering!)).catch((error: unknown) => [
        { ok: false as const, error },
      ]);
      const done = replies.findIndex((reply) => reply === undefined);
      const answeredNow = done === -1 ? waiting.length : done;
      if (answeredNow === 0) return stopAt(outcomes, waiting[0]!, new Error('the intake answered nothing'));
      for (const [k, reply] of replies.slice(0, answeredNow).entries()) {
        const i = waiting[k]!;
        const message = opened[i]!;
        if (reply!.ok) outcomes[i] = answered(message, reply!.value);
        else if (isRetriable(reply!.error)) return stopAt(outcomes, i, reply!.error);
        else {
          onProblem?.(`the command intake failed on ${message.source}; the message is a dead letter`, reply!.error);
          outcomes[i] = answered(message, errorReply(message.entering!.body, message.correlationId, reply!.error));
        }
      }
      waiting = waiting.slice(answeredNow);
    }
    return outcomes;
  } finally {
    for (const { span } of opened) span.end();
  }
}

/** The trace context read from a message's headers as the propagator asks, not every header made text first. */
const KAFKA_HEADERS: TextMapGetter<IHeaders | undefined> = {
  keys: (headers) => Object.keys(headers ?? {}),
  get: (headers, name) => header(headers, name),
};

function open(message: KafkaMessage, source: string, topics: KafkaTopics): Open {
  const parent = propagation.extract(ROOT_CONTEXT, message.headers, KAFKA_HEADERS);
  const span = trace
    .getTracer('sce-engine')
    .startSpan(`${topics.commands} process`, { kind: SpanKind.CONSUMER }, parent);
  const traced = trace.setSpan(parent, span);
  const correlationId = header(message.headers, 'correlation-id') ?? source;
  let body: unknown;
  try {
    body = JSON.parse(message.value?.toString('utf8') ?? '');
  } catch (error) {
    return { message, source, span, traced, correlationId, early: notJson(error) };
  }
  const within = <T>(work: () => T): T => context.with(traced, work);
  const entering = { body, apiKey: apiKeyOf(message), correlationId, within };
  return { message, source, span, traced, correlationId, entering };
}

function answered(message: Open, reply: IntakeReply): AnswerOutcome {
  const headers: Record<string, string> = {
    'correlation-id': message.correlationId,
    'command-id': reply.commandId ?? '',
  };
  propagation.inject(message.traced, headers);
  return { ok: true, value: answerWith(message.message, message.source, headers, reply) };
}

/** The key stops at message `i`: what was answered after it is dropped, it comes again. */
function stopAt(outcomes: AnswerOutcome[], i: number, error: unknown): AnswerOutcome[] {
  return outcomes.map((outcome, k) => (k < i ? outcome : k === i ? { ok: false, error } : undefined));
}
