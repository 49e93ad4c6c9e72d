import { Inject, Injectable } from '@nestjs/common';
import type { ApiKeys, Caller } from '@sce/access';
import { DomainError } from '@sce/domain';
import type { IntakeMessage, IntakeReply, RunReply } from '@sce/kafka';
import { CommandIntake, type IntakeOutcome, type RunEnvelope } from '../commands/command-intake';
import { API_KEYS } from '../tokens';

/**
 * Kafka's side of the command intake: the sender known by the API key its message carries, the
 * outcome as the reply the consumer publishes. A message without a valid key, or that is not a
 * valid envelope, is answered and becomes a dead letter; a rule broken, an `auth.*` refusal or a
 * reused command id is a `rejected` reply.
 */
@Injectable()
export class KafkaIntake {
  constructor(
    private readonly intake: CommandIntake,
    @Inject(API_KEYS) private readonly keys: ApiKeys,
  ) {}

  /** One message. */
  async reply(body: unknown, apiKey: string | undefined): Promise<IntakeReply> {
    const caller = apiKey ? await this.keys.authenticate(apiKey) : undefined;
    if (!caller) return unauthenticated(body, apiKey);
    try {
      return replyOf(body, await this.intake.submit(body, caller));
    } catch (error) {
      return rejection(body, error);
    }
  }

  /**
   * One key's messages, as one run: those with a valid key go into it, in their order. A failure
   * to authenticate (the key store away) is that message's, and the run stops before it.
   */
  async replyRun(messages: IntakeMessage[]): Promise<RunReply[]> {
    const replies: RunReply[] = messages.map(() => undefined);
    const entering: (RunEnvelope & { index: number })[] = [];
    for (const [index, { body, apiKey, within }] of messages.entries()) {
      let caller: Caller | undefined;
      try {
        caller = apiKey ? await within(() => this.keys.authenticate(apiKey)) : undefined;
      } catch (error) {
        replies[index] = { ok: false, error };
        break;
      }
      if (caller) entering.push({ index, body, caller, within });
      else replies[index] = { ok: true, value: unauthenticated(body, apiKey) };
    }
    const outcomes = entering.length ? await this.intake.submitRun(entering) : [];
    for (const [k, { index, body }] of entering.entries()) {
      const outcome = outcomes[k];
      if (!outcome) replies[index] = undefined;
      else if (outcome.ok) replies[index] = { ok: true, value: replyOf(body, outcome.value) };
      else if (outcome.error instanceof DomainError)
        replies[index] = { ok: true, value: rejection(body, outcome.error) };
      else replies[index] = outcome;
    }
    return untilFirstGap(replies);
  }
}

/** Replies after the first message left unanswered are dropped: the consumer keeps a key's order. */
function untilFirstGap(replies: RunReply[]): RunReply[] {
  const gap = replies.findIndex((reply) => reply === undefined || !reply.ok);
  return gap === -1 ? replies : replies.map((reply, i) => (i <= gap ? reply : undefined));
}

function commandIdOf(body: unknown): string | undefined {
  const sent = (body as { commandId?: unknown } | null)?.commandId;
  return typeof sent === 'string' ? sent : undefined;
}

function unauthenticated(body: unknown, apiKey: string | undefined): IntakeReply {
  const commandId = commandIdOf(body);
  const message = apiKey
    ? 'unknown, revoked or expired API key'
    : 'an API key is required: header "authorization: Bearer <key>"';
  return {
    commandId,
    result: { commandId, status: 'rejected', code: 'auth.unauthenticated', message },
    deadLetter: message,
  };
}

function replyOf(body: unknown, outcome: IntakeOutcome): IntakeReply {
  if (outcome.status !== 'invalid') return { commandId: outcome.commandId, result: outcome };
  const commandId = commandIdOf(body);
  const why = outcome.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return { commandId, result: { commandId, ...outcome }, deadLetter: `invalid: ${why}` };
}

/** A DomainError as a `rejected` reply; anything else thrown on. */
function rejection(body: unknown, error: unknown): IntakeReply {
  if (!(error instanceof DomainError)) throw error;
  const commandId = commandIdOf(body);
  return { commandId, result: { commandId, status: 'rejected', code: error.code, message: error.message } };
}
