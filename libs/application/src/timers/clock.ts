/** The engine's sense of now. Injected so that tests (and e2e suites, when enabled) move time without sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until told: tests, and the engine's test-only clock when it is enabled. */
export class SettableClock implements Clock {
  constructor(private at: Date = new Date()) {}

  now(): Date {
    return new Date(this.at.getTime());
  }

  set(at: Date): void {
    this.at = new Date(at.getTime());
  }
}
