export * from './command-handler';
export * from './timers';
