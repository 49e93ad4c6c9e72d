import type { Command, DomainEvent } from './messages';
import { decide, foldStream, streamOf, streamsRead } from './registry';
import type { Emitted } from './shared/emitted';
import { stateView } from './state-view';

/**
 * The command path without a store: fold the streams the command reads from `history`, then decide.
 * The reference the real handler must agree with; also what given/when/then specs run.
 * @throws Error when the decision looks at a stream `streamsRead` does not name (a bug, not a rejection).
 */
export function decideOn(history: readonly DomainEvent[], command: Command): Emitted<DomainEvent>[] {
  const read = new Set(streamsRead(command));
  const byStream = new Map<string, DomainEvent[]>();
  for (const event of history) {
    const stream = streamOf(event);
    byStream.set(stream, [...(byStream.get(stream) ?? []), event]);
  }
  const view = stateView(command.shopId ?? '', (stream) => {
    if (!read.has(stream)) throw new Error(`${command.type} read ${stream}, which streamsRead does not name`);
    return foldStream(stream, byStream.get(stream) ?? []);
  });
  return decide(command, view);
}
