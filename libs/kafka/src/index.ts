export * from './topics';
export * from './command-consumer';
export * from './event-publisher';
