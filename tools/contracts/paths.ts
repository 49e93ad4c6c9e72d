import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
export const GENERATED_EVENT_TYPES = join(ROOT, 'libs/contracts/src/generated/event-types.schema.json');
export const CONTRACTS_DIR = join(ROOT, 'docs/contracts');
export const asJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
