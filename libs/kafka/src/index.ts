export * from './topics';
export * from './command-consumer';
export * from './event-publisher';
export * from './asyncapi';
export * from './command-answer';
