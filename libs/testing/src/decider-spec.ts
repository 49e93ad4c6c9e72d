/**
 * given/when/then for deciders, in the style of Emmett's DeciderSpecification:
 * `spec.given(history).when(command).then(events)` or `.thenRejects(code)`.
 * It knows nothing of the domain: `run` turns a history and a command into the new events.
 */
export interface DeciderSpec<E, C> {
  given(history: readonly E[]): { when(command: C): Outcome<E> };
}

export interface Outcome<E> {
  /** The command is accepted and emits exactly `expected`, in order. */
  then(expected: readonly E[]): void;
  /** The command is accepted; `check` inspects the emitted events. */
  thenEvents(check: (events: E[]) => void): void;
  /** The command is refused with a thrown error whose `code` is `code`, and emits nothing. */
  thenRejects(code: string, message?: RegExp): void;
}

export function specFor<E, C>(run: (history: readonly E[], command: C) => E[]): DeciderSpec<E, C> {
  return {
    given: (history) => ({
      when: (command) => ({
        then: (expected) => expect(run(history, command)).toEqual(expected),
        thenEvents: (check) => check(run(history, command)),
        thenRejects: (code, message) => {
          let emitted: E[] | undefined;
          let error: unknown;
          try {
            emitted = run(history, command);
          } catch (e) {
            error = e;
          }
          expect(emitted).toBeUndefined();
          expect(error).toMatchObject({ code });
          if (message) expect((error as Error).message).toMatch(message);
        },
      }),
    }),
  };
}
