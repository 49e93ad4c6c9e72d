export * from './envelope.dto';
export * from './validate';
export { PAYLOADS } from './payloads';
export * from './input/instant';
export * from './input/safe-input';
export * from './schemas/payload-schemas';
export { OUTCOME_SCHEMAS } from './schemas/outcome-schemas';
export * from './schemas/schema-kit';
export * from './schemas/json-schema';
export { Instant, Optional } from './payloads/rules';
/** Each event type's data, as JSON Schema: generated from the domain's types (`npm run contracts`). */
export { default as EVENT_DATA_SCHEMAS } from './generated/event-types.schema.json';
