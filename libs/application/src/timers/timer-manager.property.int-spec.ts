import { foldStream, type Command, type DomainEvent, type OrderState } from '@sce/domain';
import { cmd, commandSequence, opening } from '@sce/domain/testkit';
import { PostgresEventStore, SqliteEventStore, type EventStore, type StoredEvent } from '@sce/event-store';
import { describeWith, freshSchema, TEST_PG_URL } from '@sce/test-stack';
import fc from 'fast-check';
import { CommandHandler } from '../command-handler';
import { SettableClock } from './clock';
import { PostgresTimerStore } from './postgres-timer-store';
import { SqliteTimerStore } from './sqlite-timer-store';
import { TimerManager } from './timer-manager';
import type { TimerStore } from './timer-store';

const HOUR = 3_600_000;
const principal = (command: Command) =>
  command.metadata.actor.role === 'SELLER'
    ? { role: 'SELLER' as const, shopId: command.shopId }
    : { role: command.metadata.actor.role };

type Stores = { events: EventStore; timers: TimerStore; cleanup?: () => Promise<void> };
const inMemory = async (): Promise<Stores> => ({
  events: new SqliteEventStore(':memory:'),
  timers: new SqliteTimerStore(':memory:'),
});
const onPostgres = async (): Promise<Stores> => {
  const { schema, drop } = await freshSchema('sce_timer_prop');
  const events = await PostgresEventStore.connect({ connectionString: TEST_PG_URL, schema, poolSize: 4 });
  return { events, timers: await PostgresTimerStore.connect(TEST_PG_URL, schema), cleanup: drop };
};

/** An engine: the command path and the timer manager on one clock, on the stores given. */
async function engine(open: () => Promise<Stores> = inMemory) {
  const { events, timers, cleanup } = await open();
  const clock = new SettableClock();
  const handler = new CommandHandler(events);
  const manager = new TimerManager(events, timers, handler, { clock });
  return {
    events,
    /** Sends each command at its business time, what fell due before it fired first. */
    async play(commands: Command[]) {
      for (const [i, command] of commands.entries()) {
        await this.runTo(Date.parse(command.metadata.occurredAt));
        await handler.handle(`c-${i}`, command, principal(command));
      }
    },
    async runTo(ms: number) {
      clock.set(new Date(ms));
      await manager.runUntilIdle();
    },
    async log(): Promise<StoredEvent[]> {
      const all: StoredEvent[] = [];
      for await (const batch of events.readAll()) all.push(...batch);
      return all;
    },
    async close() {
      await timers.close();
      await events.close();
      await cleanup?.();
    },
  };
}

/** Each stream's events as a reader sees them: what, when in business time, and by whom. */
function byStream(log: StoredEvent[]): Map<string, unknown[]> {
  const streams = new Map<string, unknown[]>();
  for (const e of log)
    streams.set(e.stream, [
      ...(streams.get(e.stream) ?? []),
      { type: e.type, data: e.data, at: e.metadata.occurredAt, by: e.metadata.actor },
    ]);
  return streams;
}

/** Three orders placed in the first days, so that every sequence has deadlines; then random commands, in time order. */
const lifecycles = fc
  .tuple(commandSequence(40), fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 3, maxLength: 3 }))
  .map(([tail, hours]) => {
    const orders = hours.map((h, i) =>
      cmd(
        'PlaceOrder',
        {
          orderId: `o-${i + 1}`,
          buyerId: 'b-1',
          lines: [{ productId: i ? 'p-2' : 'p-1', quantity: 1 }],
          shipTo: { country: 'US', region: 'CA' },
          channel: 'LIVE',
        },
        { at: new Date(Date.parse('2026-11-02T00:00:00.000Z') + h * HOUR).toISOString() },
      ),
    );
    const at = (c: Command) => Date.parse(c.metadata.occurredAt);
    return [...orders, ...tail].sort((a, b) => at(a) - at(b));
  });
const sequences = fc.tuple(lifecycles, fc.integer({ min: 0, max: 2000 }));
const endOf = (commands: Command[], hoursAfter: number) =>
  Date.parse(commands[commands.length - 1]!.metadata.occurredAt) + hoursAfter * HOUR;

describe('the timer manager run to a random clock', () => {
  it('leaves no order AWAITING_SHIPMENT past shipBy + 72 h, and fires each timer at its deadline', async () => {
    const kinds = new Set<string>();
    await fc.assert(
      fc.asyncProperty(sequences, async ([tail, hoursAfter]) => {
        const steady = await engine();
        try {
          const commands = [...opening(), ...tail];
          await steady.play(commands);
          const end = endOf(commands, hoursAfter);
          await steady.runTo(end);
          const log = await steady.log();
          for (const e of log.filter((e) => e.metadata.commandId?.startsWith('timer:'))) {
            kinds.add(e.metadata.commandId!.split(':')[1]!);
            expect(e.metadata.commandId!.endsWith(`:${e.metadata.occurredAt}`)).toBe(true);
            expect(Date.parse(e.metadata.occurredAt)).toBeLessThanOrEqual(end);
          }
          for (const [stream, history] of byStream(log)) {
            if (!stream.startsWith('order-')) continue;
            const order = foldStream(stream, history as DomainEvent[]) as OrderState;
            if (order.status === 'AWAITING_SHIPMENT') expect(Date.parse(order.shipBy) + 72 * HOUR).toBeGreaterThan(end);
          }
        } finally {
          await steady.close();
        }
      }),
      { numRuns: 25, seed: 2026 },
    );
    // Not vacuous: the sequences reach deadlines of these kinds (a fixed seed, so this does not depend on luck).
    expect([...kinds]).toEqual(
      expect.arrayContaining(['auto-cancel', 'auto-confirm', 'auto-complete', 'cancellation-auto-approve']),
    );
  });

  it('fires the same once stopped across every deadline as it does watching the clock every 5 hours', () =>
    stoppedAsSteady(inMemory, 25));
});

describeWith('postgres', 'the timer manager on PostgreSQL run to a random clock', () => {
  it('fires the same once stopped across every deadline as it does watching the clock every 5 hours', () =>
    stoppedAsSteady(onPostgres, 5));
});

async function stoppedAsSteady(open: () => Promise<Stores>, numRuns: number): Promise<void> {
  let firedWhileStopped = 0;
  await fc.assert(
    fc.asyncProperty(sequences, fc.integer({ min: 1, max: 40 }), async ([tail, hoursAfter], stopsAfter) => {
      const [steady, stopped] = [await engine(open), await engine(open)];
      try {
        // The engine stops (and commands with it) after a random command, its orders mid-life.
        const commands = [...opening(), ...tail.slice(0, stopsAfter)];
        await steady.play(commands);
        await stopped.play(commands);
        const end = endOf(commands, hoursAfter);
        for (let t = endOf(commands, 0); t < end; t += 5 * HOUR) await steady.runTo(t);
        await steady.runTo(end);
        await stopped.runTo(end);
        const log = await stopped.log();
        firedWhileStopped += log.filter((e) => Date.parse(e.metadata.occurredAt) > endOf(commands, 0)).length;
        expect(byStream(log)).toEqual(byStream(await steady.log()));
      } finally {
        await steady.close();
        await stopped.close();
      }
    }),
    { numRuns, seed: 2026 },
  );
  // Not vacuous: deadlines fell while it was stopped (a fixed seed, so this does not depend on luck).
  expect(firedWhileStopped).toBeGreaterThan(numRuns);
}
