import { useState } from 'preact/hooks';
import { ApiError, newCommandId, type Command } from '../api/client';
import type { Accepted } from '../api/types';
import { refreshAll } from '../lib/refresh';
import { useShop } from './shop';

export interface CommandState {
  phase: 'idle' | 'sending' | 'accepted' | 'failed';
  error?: ApiError;
  last?: Command;
}

/**
 * Sends commands for this shop. Each `run` is a new command with a fresh id; `retry` sends the
 * last one again, same id, so a command whose answer was lost is applied at most once. After an
 * accepted command every open read runs again at the position it wrote.
 */
export function useCommand(onAccepted?: (accepted: Accepted) => void) {
  const { api, shopId } = useShop();
  const [state, setState] = useState<CommandState>({ phase: 'idle' });
  const send = async (command: Command): Promise<boolean> => {
    setState({ phase: 'sending', last: command });
    try {
      const accepted = await api.send(command);
      setState({ phase: 'accepted', last: command });
      onAccepted?.(accepted);
      refreshAll();
      return true;
    } catch (error) {
      const failure = error instanceof ApiError ? error : new ApiError(0, undefined, String(error));
      setState({ phase: 'failed', error: failure, last: command });
      return false;
    }
  };
  return {
    state,
    busy: state.phase === 'sending',
    run: (type: string, payload: object, forShop: string | undefined = shopId) =>
      send({ commandId: newCommandId(), type, shopId: forShop, payload }),
    retry: () => (state.last ? send(state.last) : Promise.resolve(false)),
  };
}

/** The outcome of the last command: a rejection's message (and code), or a retry for no answer. */
export function CommandOutcome({ command, done = 'Done.' }: { command: ReturnType<typeof useCommand>; done?: string }) {
  const { state } = command;
  if (state.phase === 'failed' && state.error) {
    const { error } = state;
    const retriable = error.status === 0 || error.status >= 500 || error.code === 'conflict';
    return (
      <p class="outcome error" role="alert">
        {error.message}
        {error.code && <code class="code">{error.code}</code>}
        {retriable && (
          <button type="button" onClick={() => void command.retry()}>
            Retry
          </button>
        )}
      </p>
    );
  }
  return (
    <p class="outcome" role="status">
      {state.phase === 'sending' ? 'Sending…' : state.phase === 'accepted' ? done : ''}
    </p>
  );
}
