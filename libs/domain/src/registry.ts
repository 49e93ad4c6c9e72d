import { campaignCommands, campaignEvents, campaignFolds } from './campaign/campaign.commands';
import type { Command, CommandType, DomainEvent, EventType } from './messages';
import type { CommandEntry, CommandModule, EventStreams, StreamFold } from './module';
import { orderCommands, orderEvents, orderFolds } from './order/order.commands';
import { productCommands, productEvents, productFolds } from './product/product.commands';
import { refundCommands, refundEvents } from './refund/refund.commands';
import type { Role } from './shared/command';
import type { Emitted } from './shared/emitted';
import { shopCommands, shopEvents, shopFolds } from './shop/shop.commands';
import type { StateView } from './state-view';
import { categoryOf, type StreamCategory } from './streams';
import { trafficCommands, trafficEvents, trafficFolds } from './traffic/traffic.commands';

// The aggregates' modules, composed. The annotations make the compiler refuse a command, an event
// or a stream category without its entry; the rest of this file only looks entries up.
const COMMANDS: CommandModule<Command> = {
  ...shopCommands,
  ...productCommands,
  ...campaignCommands,
  ...orderCommands,
  ...refundCommands,
  ...trafficCommands,
};
const EVENTS: EventStreams<DomainEvent> = {
  ...shopEvents,
  ...productEvents,
  ...campaignEvents,
  ...orderEvents,
  ...refundEvents,
  ...trafficEvents,
};
const FOLDS: Record<StreamCategory, StreamFold> = {
  ...shopFolds,
  ...productFolds,
  ...campaignFolds,
  ...orderFolds,
  ...trafficFolds,
};

/** Every command type, in the order of DOMAIN.md's table. */
export const COMMAND_TYPES = Object.keys(COMMANDS) as CommandType[];
/** Every event type: the names that travel on the wire. */
export const EVENT_TYPES = Object.keys(EVENTS) as EventType[];
/** Who may send each command. The key's role is the actor. */
export const COMMAND_ROLES = Object.fromEntries(COMMAND_TYPES.map((type) => [type, COMMANDS[type].roles])) as Record<
  CommandType,
  readonly Role[]
>;

/** Is `type` one of the seller center's command types? (An own key only: `toString` is not.) */
export function isCommandType(type: string): type is CommandType {
  return Object.hasOwn(COMMANDS, type);
}

// One cast for all: the entry of `command.type` takes that command, which the compiler cannot follow.
const entryOf = (command: Command) => COMMANDS[command.type] as CommandEntry<Command>;

/**
 * The streams a command's decision reads. The handler loads them, and appends on the condition
 * that none of them moved since; streams it writes without reading (stock given back) take any revision.
 */
export function streamsRead(command: Command): string[] {
  return entryOf(command).reads(command);
}

/** The stream a command starts (see CommandEntry.starts), if it starts one. */
export function streamStarted(command: Command): string | undefined {
  return entryOf(command).starts?.(command);
}

/**
 * Decides a command: the events it causes, or a thrown DomainError. Pure: no clock, no I/O.
 * The events may belong to several streams (`streamOf` tells which); they are appended together.
 * An event's own `actor`, when set, is who caused it instead of the command's actor.
 */
export function decide(command: Command, view: StateView): Emitted<DomainEvent>[] {
  return entryOf(command).decide(command, view);
}

/** The stream an event belongs to, from the ids it carries. */
export function streamOf(event: DomainEvent): string {
  return (EVENTS[event.type] as (event: DomainEvent) => string)(event);
}

/**
 * The fold for `stream`'s category.
 * @throws Error when `stream` is not one of the seller center's streams.
 */
export function foldFor(stream: string): StreamFold {
  return FOLDS[categoryOf(stream)];
}

/** The state of a stream after `events`, from its initial state. */
export function foldStream(stream: string, events: readonly DomainEvent[]): unknown {
  const fold = foldFor(stream);
  return events.reduce((state, event) => fold.evolve(state, event), fold.initialState());
}
