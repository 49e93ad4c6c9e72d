export * from './envelope.dto';
export * from './validate';
export { PAYLOADS } from './payloads';
