import type { Batch, Consumer, Kafka, Producer, TopicMessages } from 'kafkajs';
import { failedAnswer, oneByOne, type Answer, type CommandIntake, type CommandRunIntake } from './command-answer';
import { inKeyRuns } from './key-order';
import { answerRun, type AnswerOutcome } from './run-answer';
import { PRODUCER_CONFIG, type KafkaTopics } from './topics';

export interface CommandConsumerOptions {
  groupId: string;
  topics: KafkaTopics;
  /** Answers one message at a time; `runIntake`, when given, takes a key's messages together instead. */
  intake: CommandIntake;
  /** Answers a key's messages of a batch as one run (the engine decides them together, in order). */
  runIntake?: CommandRunIntake;
  /** Partitions worked on at once. */
  concurrency?: number;
  /** Within a partition's batch, shops (message keys) decided at once; a shop's own messages go in order. */
  keysAtOnce?: number;
  maxWaitTimeInMs?: number;
  /** How long the group waits for a silent member before giving its partitions to others. */
  sessionTimeout?: number;
  /** Told of each message the intake failed on, and of each restart after a crash. */
  onProblem?: (what: string, error: unknown) => void;
}

export type ConsumerState = 'starting' | 'joined' | 'restarting' | 'stopped';

/** Messages of a batch answered before their results go out and their offsets are committed. */
const CHUNK = 1000;

/**
 * Commands from Kafka, a batch at a time: the messages of different shops (keys) are decided at
 * once, a shop's together as one run, in their order; the batch's results go out together, and only then do its offsets
 * move. A crash in between redelivers the message; the command ledger answers the redelivery
 * with the first outcome and writes nothing, so at-least-once delivery is exactly-once in effect.
 * A retriable failure (store unreachable) redelivers the message after a backoff; any other
 * failure on a message makes it a dead letter, so no message can stop the partition. Should the
 * consumer itself crash for good, it is started again with a growing backoff, never left stopped.
 */
export class KafkaCommandConsumer {
  private consumer?: Consumer;
  private readonly producer: Producer;
  private stopping = false;
  private restartTimer?: NodeJS.Timeout;
  private restarts = 0;
  /** For health: `joined` once the group gave it partitions; `restarting` after a crash, until it joins again. */
  state: ConsumerState = 'starting';
  /** When `state` last changed (epoch ms). */
  since = Date.now();

  constructor(
    private readonly kafka: Kafka,
    private readonly options: CommandConsumerOptions,
  ) {
    this.producer = kafka.producer(PRODUCER_CONFIG);
  }

  async start(): Promise<void> {
    this.stopping = false;
    await this.producer.connect();
    await this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    await this.consumer?.disconnect();
    await this.producer.disconnect();
    this.moveTo('stopped');
  }

  private moveTo(state: ConsumerState): void {
    if (state !== this.state) this.since = Date.now();
    this.state = state;
  }

  private async run(): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      maxWaitTimeInMs: this.options.maxWaitTimeInMs ?? 500,
      sessionTimeout: this.options.sessionTimeout ?? 30_000,
      rebalanceTimeout: this.options.sessionTimeout ?? 60_000,
    });
    this.consumer = consumer;
    const { GROUP_JOIN, CRASH } = consumer.events;
    consumer.on(GROUP_JOIN, () => {
      this.moveTo('joined');
      this.restarts = 0;
    });
    consumer.on(CRASH, ({ payload }) => {
      this.moveTo('restarting');
      if (!payload.restart) this.restartLater(payload.error);
    });
    await consumer.connect();
    // A new group starts at the beginning: commands sent before the first engine started still count.
    await consumer.subscribe({ topic: this.options.topics.commands, fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently: this.options.concurrency ?? 8,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
        for (let from = 0; from < batch.messages.length && isRunning() && !isStale(); from += CHUNK) {
          const messages = batch.messages.slice(from, from + CHUNK);
          const { answers, failure } = await this.answerAll(batch, messages);
          if (answers.length) await this.producer.sendBatch({ topicMessages: this.outgoing(answers), acks: -1 });
          for (const message of messages.slice(0, answers.length)) resolveOffset(message.offset);
          await commitOffsetsIfNecessary();
          await heartbeat();
          // A retriable failure: kafkajs backs off and delivers again from the first message not answered.
          if (failure) throw failure;
        }
      },
    });
  }

  /**
   * Answers a chunk of a partition's messages: different shops (keys) at once, a shop's messages
   * together as one run, in their order. The answers are those of the messages before the first
   * that failed retriably (their offsets move); the messages after it come again and get their
   * first outcomes from the ledger.
   */
  private async answerAll(
    batch: Batch,
    messages: Batch['messages'],
  ): Promise<{ answers: Answer[]; failure?: unknown }> {
    const { topics, intake, runIntake, onProblem } = this.options;
    const sourceOf = (message: Batch['messages'][number]) => `${batch.topic}/${batch.partition}@${message.offset}`;
    const outcomes = await inKeyRuns<Batch['messages'][number], AnswerOutcome>(
      messages,
      (message) => message.key?.toString('utf8') ?? '',
      async (run) => {
        try {
          return await answerRun(run, sourceOf, topics, runIntake ?? oneByOne(intake), onProblem);
        } catch (error) {
          // A failure of the run itself (not of the intake) is no message's fault but the first's.
          onProblem?.(`answering ${sourceOf(run[0]!)} failed; the message is a dead letter`, error);
          return [{ ok: true, value: failedAnswer(run[0]!, sourceOf(run[0]!), error) }];
        }
      },
      this.options.keysAtOnce ?? 64,
    );
    const answers: Answer[] = [];
    for (const outcome of outcomes) {
      if (!outcome?.ok) return { answers, failure: outcome?.error ?? new Error('not answered') };
      answers.push(outcome.value);
    }
    return { answers };
  }

  private outgoing(answers: Answer[]): TopicMessages[] {
    const { results, deadLetters } = this.options.topics;
    const dead = answers.flatMap((a) => (a.deadLetter ? [a.deadLetter] : []));
    return [
      { topic: results, messages: answers.map((a) => a.result) },
      ...(dead.length ? [{ topic: deadLetters, messages: dead }] : []),
    ];
  }

  /** kafkajs gave up on this consumer: make a new one, after 1, 2, 4 … 30 s. */
  private restartLater(error: unknown): void {
    if (this.stopping) return;
    const delay = Math.min(1000 * 2 ** this.restarts++, 30_000);
    this.options.onProblem?.(`the command consumer crashed; starting it again in ${delay} ms`, error);
    this.restartTimer = setTimeout(() => {
      const old = this.consumer;
      void (async () => {
        await old?.disconnect().catch(() => undefined);
        if (!this.stopping) await this.run();
      })().catch((failed: unknown) => this.restartLater(failed));
    }, delay);
    this.restartTimer.unref();
  }
}
