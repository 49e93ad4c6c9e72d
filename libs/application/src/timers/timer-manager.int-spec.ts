import type { Command } from '@sce/domain';
import { PostgresEventStore, SqliteEventStore, type EventStore, type StoredEvent } from '@sce/event-store';
import { describeWith, freshSchema, TEST_PG_URL } from '@sce/test-stack';
import { at, cmd, opening } from '@sce/domain/testkit';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandHandler } from '../command-handler';
import { SettableClock } from './clock';
import { PostgresTimerStore } from './postgres-timer-store';
import { SqliteTimerStore } from './sqlite-timer-store';
import { TimerManager } from './timer-manager';
import type { TimerStore } from './timer-store';

/** A store and a way to open its timer table (again, as after a restart). */
interface Stack {
  events: EventStore;
  openTimers(): Promise<TimerStore>;
  cleanup(): Promise<void>;
}

const T = '2026-11-02T00:00:00.000Z';
const principal = (command: Command) =>
  command.metadata.actor.role === 'SELLER'
    ? { role: 'SELLER' as const, shopId: command.shopId }
    : { role: command.metadata.actor.role };

async function allEvents(events: EventStore): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  for await (const batch of events.readAll()) all.push(...batch);
  return all;
}

function timerSuite(open: () => Promise<Stack>) {
  let stack: Stack;
  let handler: CommandHandler;
  let timers: TimerStore;
  let manager: TimerManager;
  const clock = new SettableClock(new Date(T));
  let sent = 0;
  const send = (command: Command) => handler.handle(`c-${++sent}`, command, principal(command));
  const runTo = async (iso: string) => {
    clock.set(new Date(iso));
    await manager.runUntilIdle();
  };
  const fired = async () =>
    (await allEvents(stack.events))
      .filter((e) => e.metadata.commandId?.startsWith('timer:'))
      .map((e) => ({ type: e.type, at: e.metadata.occurredAt, by: e.metadata.actor, id: e.metadata.commandId }));
  const order = (orderId: string, placedAt = T) =>
    cmd(
      'PlaceOrder',
      {
        orderId,
        buyerId: 'b-1',
        lines: [{ productId: 'p-1', quantity: 1 }],
        shipTo: { country: 'US', region: 'CA' },
        channel: 'LIVE',
      },
      { at: placedAt },
    );
  const ship = (orderId: string, hours: number) =>
    cmd('ShipOrder', { orderId, carrier: 'UPS_GROUND', trackingNumber: '1Z' }, { at: at(T, hours) });

  beforeEach(async () => {
    stack = await open();
    handler = new CommandHandler(stack.events);
    timers = await stack.openTimers();
    manager = new TimerManager(stack.events, timers, handler, { clock });
    for (const command of opening()) expect(await send(command)).toMatchObject({ status: 'accepted' });
  });
  afterEach(async () => {
    await timers.close();
    await stack.events.close();
    await stack.cleanup();
  });

  it('auto-cancels an order nothing of which shipped at shipBy + 72 h, once, as the SYSTEM at the deadline', async () => {
    await send(order('o-1'));
    const deadline = at(T, 3 * 24 + 72);
    await runTo(at(deadline, -0.001));
    expect(await fired()).toEqual([]);
    await runTo(at(deadline, 500));
    await runTo(at(deadline, 900));
    const id = `timer:auto-cancel:shop-1/o-1:${deadline}`;
    expect(await fired()).toEqual([
      { type: 'OrderCancelled', at: deadline, by: { role: 'SYSTEM', id: 'timer:auto-cancel' }, id },
      { type: 'StockReleased', at: deadline, by: { role: 'SYSTEM', id: 'timer:auto-cancel' }, id },
    ]);
    expect(await timers.ofSubject('shop-1/o-1')).toMatchObject([{ kind: 'auto-cancel', status: 'accepted' }]);
  });

  it('fires each due timer once when the background loop and a moved clock run at the same time', async () => {
    const firings: string[] = [];
    manager = new TimerManager(stack.events, timers, handler, { clock, onFired: (kind) => firings.push(kind) });
    for (const id of ['o-1', 'o-2', 'o-3']) await send(order(id));
    clock.set(new Date(at(T, 3 * 24 + 73)));
    await Promise.all([manager.runUntilIdle(), manager.runUntilIdle(), manager.runUntilIdle()]);
    expect(firings).toEqual(['auto-cancel', 'auto-cancel', 'auto-cancel']);
  });

  it('confirms a package 14 days after it shipped, completes the order after its return window', async () => {
    await send(order('o-1'));
    await send(ship('o-1', 10));
    const confirmAt = at(T, 10 + 14 * 24);
    const completeAt = at(confirmAt, 30 * 24 + 1 / 3600);
    await runTo(at(completeAt, 24));
    expect((await fired()).map((f) => [f.type, f.at])).toEqual([
      ['PackageDelivered', confirmAt],
      ['OrderDelivered', confirmAt],
      ['OrderCompleted', completeAt],
    ]);
  });

  it('approves an unanswered cancellation request at respondBy, and leaves an answered one alone', async () => {
    await send(order('o-1'));
    await send(order('o-2'));
    const request = (orderId: string) =>
      cmd('RequestCancellation', { orderId, cancellationId: 'c-1', reason: 'late' }, { at: at(T, 2) });
    await send(request('o-1'));
    await send(request('o-2'));
    await send(
      cmd('RejectCancellation', { orderId: 'o-2', cancellationId: 'c-1', reason: 'packed' }, { at: at(T, 3) }),
    );
    await runTo(at(T, 60));
    expect((await fired()).map((f) => [f.type, f.at, f.id])).toEqual([
      ['CancellationApproved', at(T, 50), `timer:cancellation-auto-approve:shop-1/o-1/c-1:${at(T, 50)}`],
      ['OrderCancelled', at(T, 50), `timer:cancellation-auto-approve:shop-1/o-1/c-1:${at(T, 50)}`],
      ['StockReleased', at(T, 50), `timer:cancellation-auto-approve:shop-1/o-1/c-1:${at(T, 50)}`],
    ]);
    expect(await timers.ofSubject('shop-1/o-2/c-1')).toMatchObject([{ status: 'ended' }]);
  });

  it('approves and pays an unanswered refund, gives up on a return never sent back, re-arms the completion', async () => {
    await send(order('o-1'));
    await send(order('o-2'));
    await send(ship('o-1', 1));
    await send(ship('o-2', 1));
    await send(cmd('ConfirmDelivery', { orderId: 'o-1' }, { at: at(T, 24) }));
    const refund = (orderId: string, refundType: 'REFUND_ONLY' | 'RETURN_AND_REFUND', hours: number) =>
      cmd(
        'RequestRefund',
        { orderId, refundId: 'r-1', refundType, lines: [{ productId: 'p-1', quantity: 1 }], reason: 'x' },
        { at: at(T, hours) },
      );
    // o-1: asked on the window's last day, still open when the window ends.
    const completeAt = at(T, 24 + 30 * 24 + 1 / 3600);
    await send(refund('o-1', 'REFUND_ONLY', 24 + 29 * 24));
    await send(refund('o-2', 'RETURN_AND_REFUND', 30));
    await send(cmd('ApproveRefund', { orderId: 'o-2', refundId: 'r-1' }, { at: at(T, 31) }));
    await runTo(at(T, 2000));
    const approvedAt = at(T, 24 + 29 * 24 + 48);
    const paidAt = at(approvedAt, 48);
    expect((await fired()).map((f) => [f.type, f.at, f.id?.split(':')[1]])).toEqual([
      ['PackageDelivered', at(T, 1 + 14 * 24), 'auto-confirm'],
      ['OrderDelivered', at(T, 1 + 14 * 24), 'auto-confirm'],
      ['RefundRejected', at(T, 31 + 15 * 24), 'return-not-sent-back'],
      ['RefundApproved', approvedAt, 'refund-auto-approve'],
      ['RefundIssued', paidAt, 'refund-auto-issue'],
      ['OrderCompleted', paidAt, 'auto-complete'],
      ['OrderCompleted', at(T, 1 + 14 * 24 + 30 * 24 + 1 / 3600), 'auto-complete'],
    ]);
    expect((await timers.ofSubject('shop-1/o-1')).filter((t) => t.kind === 'auto-complete')).toMatchObject([
      { kind: 'auto-complete', deadline: completeAt, status: 'rejected', code: 'order.refund-open' },
      { kind: 'auto-complete', deadline: paidAt, status: 'accepted' },
    ]);
  });

  it('catches up past orders placed before deadlines existed, arming nothing for them', async () => {
    await send(order('o-1'));
    const [placedEvent] = (await stack.events.readStream('order-shop-1/o-1')).events;
    const { shipBy: _none, ...before } = placedEvent!.data as Record<string, unknown>;
    const metadata = { actor: { role: 'BUYER', id: 'b-1' }, occurredAt: T };
    await stack.events.append([
      {
        stream: 'order-shop-1/o-old',
        expected: -1,
        events: [{ type: 'OrderPlaced', data: { ...before, orderId: 'o-old' }, metadata }],
      },
    ]);
    await runTo(at(T, 1));
    expect(manager.position).toBe(await stack.events.headPosition());
    expect(await timers.ofSubject('shop-1/o-old')).toEqual([]);
    expect(await timers.ofSubject('shop-1/o-1')).toHaveLength(1);
  });

  it('fires once a timer whose command was appended by an engine killed before it recorded the firing', async () => {
    await send(order('o-1'));
    await runTo(at(T, 1));
    const [due] = await timers.due(at(T, 1000), 10);
    const metadata = { actor: { role: 'SYSTEM' as const, id: 'timer:auto-cancel' }, occurredAt: due!.deadline };
    await handler.handle(due!.id, { ...due!.command, metadata } as Command, { role: 'SYSTEM' });
    await runTo(at(T, 1000));
    expect((await fired()).map((f) => f.type)).toEqual(['OrderCancelled', 'StockReleased']);
    expect(await timers.ofSubject('shop-1/o-1')).toMatchObject([{ status: 'accepted' }]);
  });

  it('fires what fell due while it was stopped once it starts again, once, even fired twice', async () => {
    await send(order('o-1'));
    await send(order('o-2'));
    await runTo(at(T, 1));
    await timers.close();
    timers = await stack.openTimers();
    const twinTimers = await stack.openTimers();
    const twin = new TimerManager(stack.events, twinTimers, handler, { clock });
    manager = new TimerManager(stack.events, timers, handler, { clock });
    clock.set(new Date(at(T, 1000)));
    await Promise.all([manager.runUntilIdle(), twin.runUntilIdle()]);
    const cancelled = (await fired()).filter((f) => f.type === 'OrderCancelled');
    expect(cancelled.map((f) => f.at)).toEqual([at(T, 144), at(T, 144)]);
    expect(new Set(cancelled.map((f) => f.id)).size).toBe(2);
    await twinTimers.close();
  });
}

describe('timers on SQLite', () => {
  timerSuite(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sce-timers-'));
    const file = join(dir, 'events.db');
    return {
      events: new SqliteEventStore(file),
      openTimers: async () => new SqliteTimerStore(file),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  });
});

describeWith('postgres', 'timers on PostgreSQL', () => {
  timerSuite(async () => {
    const { schema, drop } = await freshSchema();
    return {
      events: await PostgresEventStore.connect({ connectionString: TEST_PG_URL, schema }),
      openTimers: () => PostgresTimerStore.connect(TEST_PG_URL, schema),
      cleanup: drop,
    };
  });
});
