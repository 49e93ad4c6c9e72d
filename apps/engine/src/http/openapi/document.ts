import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { dtoSchemas, envelopeSchemas, OUTCOME_SCHEMAS } from '@sce/contracts';
import { READ_MODEL_SCHEMAS } from './read-model-schemas';
import { ref } from './schema-kit';

/**
 * The OpenAPI document: Nest's, from the controllers' decorators, with every body schema the
 * routes name (the DTOs' as class-validator validates them, outcomes, read models), the command
 * body as a `oneOf` of one envelope per command type, and the two ways of sending a key.
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Seller-center engine')
      .setDescription(
        "Commands in, events out; the seller's figures as read models. Envelope and rules: DOMAIN.md. " +
          'Every bad input gets a 4xx naming the field; every answer below is exactly what the engine sends.',
      )
      .setVersion('1')
      .addBearerAuth(
        { type: 'http', scheme: 'bearer', bearerFormat: 'API key', description: 'Authorization: Bearer <API key>' },
        'bearer',
      )
      .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key', description: 'the API key itself' }, 'apiKey')
      .build(),
  );
  document.components = {
    ...document.components,
    schemas: {
      ...document.components?.schemas,
      ...dtoSchemas(),
      ...envelopeSchemas(),
      ...OUTCOME_SCHEMAS,
      ...READ_MODEL_SCHEMAS,
    },
  };
  const submit = document.paths['/v1/commands']?.post;
  if (submit)
    submit.requestBody = { required: true, content: { 'application/json': { schema: ref('CommandEnvelope') } } };
  return document;
}
