export * from './services';
export * from './postgres';
export * from './wait';
export * from './kafka-mock';
