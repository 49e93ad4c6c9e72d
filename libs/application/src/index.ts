export * from './command-handler';
export type { RunItem, RunOutcome } from './command-run';
export * from './timers';
