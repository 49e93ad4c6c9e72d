import { COMMAND_TYPES } from '@sce/domain';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenAPIV3 } from 'openapi-types';
import { client, startEngine, type Engine } from './engine-harness';
import { mismatchWithOpenApi, openApiDocumentOf } from './openapi-check';

/**
 * The OpenAPI document is the truth: every other e2e suite checks each answer against it (the
 * harness's client); here, the document itself, and that the check does catch a wrong answer.
 */
describe('the OpenAPI document', () => {
  let engine: Engine;
  let document: OpenAPIV3.Document;
  beforeAll(async () => {
    engine = await startEngine();
    document = await openApiDocumentOf(engine.url);
  });
  afterAll(async () => engine?.stop());

  it('is a valid OpenAPI document', async () => {
    const run = spawnSync(process.execPath, [join(__dirname, 'validate-openapi.mjs')], {
      input: JSON.stringify(document),
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ valid: true, errors: [] });
  });

  it('gives every route its answers with a body schema, and the real security schemes', () => {
    expect(document.components?.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'API key' }),
      apiKey: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'x-api-key' }),
    });
    for (const [path, item] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(item!) as [string, OpenAPIV3.OperationObject][]) {
        const statuses = Object.keys(operation.responses);
        expect([path, method, statuses.some((s) => s.startsWith('2'))]).toEqual([path, method, true]);
        for (const status of statuses) {
          const response = operation.responses[status] as OpenAPIV3.ResponseObject;
          expect([path, method, status, Boolean(response.content?.['application/json']?.schema)]).toEqual([
            path,
            method,
            status,
            true,
          ]);
        }
        if (!path.startsWith('/health') && !path.startsWith('/v1/schemas')) {
          expect(operation.security).toEqual([{ bearer: [] }, { apiKey: [] }]);
          expect(statuses).toEqual(expect.arrayContaining(['400', '401', '403', '500']));
        }
      }
  });

  it('types the command body as one envelope per command type, by type', () => {
    const envelope = document.components!.schemas!.CommandEnvelope as OpenAPIV3.SchemaObject;
    expect(Object.keys(envelope.discriminator!.mapping!).sort()).toEqual([...COMMAND_TYPES].sort());
    expect(document.components!.schemas!.PlaceOrderCommand).toMatchObject({
      properties: { type: { enum: ['PlaceOrder'] }, payload: { $ref: '#/components/schemas/PlaceOrderDto' } },
    });
    expect(document.components!.schemas!.PlaceOrderDto).toMatchObject({
      additionalProperties: false,
      required: expect.arrayContaining(['orderId', 'buyerId', 'lines', 'shipTo', 'channel']),
    });
  });

  it('does not call the keys JWTs, and the check catches an answer that differs from it', async () => {
    expect(JSON.stringify(document)).not.toMatch(/JWT/);
    const platform = client(engine.url, engine.platformKey);
    const { body } = await platform.get<Record<string, unknown>>('/v1/whoami');
    expect(await mismatchWithOpenApi(engine.url, 'GET', '/v1/whoami', 200, body)).toBeUndefined();
    expect(await mismatchWithOpenApi(engine.url, 'GET', '/v1/whoami', 200, { ...body, extra: 1 })).toMatch(
      /does not allow/,
    );
    expect(await mismatchWithOpenApi(engine.url, 'GET', '/v1/whoami', 418, body)).toMatch(/does not list/);
    expect(await mismatchWithOpenApi(engine.url, 'POST', '/v1/whoami', 200, body)).toMatch(
      /not in the OpenAPI document/,
    );
  });

  it('is the one in docs/contracts, and so are the JSON Schemas and the AsyncAPI document the engine serves', async () => {
    const contract = (file: string) => JSON.parse(readFileSync(join(__dirname, '../../docs/contracts', file), 'utf8'));
    expect(document).toEqual(contract('openapi.json'));
    const anyone = client(engine.url);
    expect((await anyone.get('/v1/schemas')).body).toMatchObject({
      commands: '/v1/schemas/commands',
      asyncapi: '/v1/schemas/asyncapi',
    });
    for (const name of ['commands', 'results', 'events'])
      expect((await anyone.get(`/v1/schemas/${name}`)).body).toEqual(contract(`${name}.schema.json`));
    expect((await anyone.get('/v1/schemas/asyncapi')).body).toEqual(contract('asyncapi.json'));
    expect((await anyone.get('/v1/schemas/nothing')).status).toBe(404);
  });
});
