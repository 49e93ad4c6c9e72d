import { Parser } from '@asyncapi/parser';
import { jsonSchemas } from '@sce/contracts';
import { asyncApiDocument, DEFAULT_TOPICS } from '@sce/kafka';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventTypeSchemas } from './event-types';
import { CONTRACTS_DIR, GENERATED_EVENT_TYPES } from './paths';

const committed = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as unknown;

/** The contracts other teams read are what the code says: `npm run contracts` rewrites them. */
describe('the published contracts', () => {
  it('has the event schemas the domain types give today', () => {
    expect(committed(GENERATED_EVENT_TYPES)).toEqual(eventTypeSchemas());
  });

  it.each(['commands', 'results', 'events'] as const)('docs/contracts/%s.schema.json is up to date', (name) => {
    expect(committed(join(CONTRACTS_DIR, `${name}.schema.json`))).toEqual(jsonSchemas()[name]);
  });

  it('docs/contracts/asyncapi.json is up to date, and a valid AsyncAPI 3.0 document', async () => {
    const document = asyncApiDocument(DEFAULT_TOPICS, 'sce-engine');
    expect(committed(join(CONTRACTS_DIR, 'asyncapi.json'))).toEqual(document);
    const { diagnostics } = await new Parser().parse(JSON.stringify(document));
    const errors = diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('.')}: ${d.message}`);
    expect(errors).toEqual([]);
  });
});
