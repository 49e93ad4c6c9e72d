import { Controller, Get, Inject, NotFoundException, Param } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { jsonSchemas } from '@sce/contracts';
import { asyncApiDocument, DEFAULT_TOPICS } from '@sce/kafka';
import type { EngineConfig } from '@sce/runtime';
import { CONFIG } from '../tokens';

const NAMES = ['commands', 'results', 'events'] as const;

/** The wire's contracts for other services, in any language: public, like /docs. */
@ApiTags('contracts')
@Controller('v1/schemas')
export class SchemasController {
  private readonly schemas = jsonSchemas();

  constructor(@Inject(CONFIG) private readonly config: EngineConfig) {}

  @Get()
  @ApiOperation({ summary: 'Where the JSON Schemas (2020-12) and the AsyncAPI document are' })
  @ApiResponse({
    status: 200,
    description: 'links',
    schema: { type: 'object', additionalProperties: { type: 'string' } },
  })
  index() {
    return {
      ...Object.fromEntries(NAMES.map((name) => [name, `/v1/schemas/${name}`])),
      asyncapi: '/v1/schemas/asyncapi',
      openapi: '/docs-json',
    };
  }

  @Get('asyncapi')
  @ApiOperation({ summary: "The AsyncAPI 3.0 document of the Kafka topics, with this engine's topic names and group" })
  @ApiResponse({ status: 200, description: 'AsyncAPI 3.0', schema: { type: 'object' } })
  asyncapi() {
    const kafka = this.config.kafka;
    return asyncApiDocument(kafka?.topics ?? DEFAULT_TOPICS, kafka?.groupId ?? 'sce-engine', kafka?.brokers.join(','));
  }

  @Get(':name')
  @ApiOperation({ summary: 'A JSON Schema (2020-12): commands (the envelope, by type), results, or events' })
  @ApiResponse({ status: 200, description: 'JSON Schema 2020-12', schema: { type: 'object' } })
  @ApiResponse({ status: 404, description: 'no such schema', schema: { $ref: '#/components/schemas/Rejected' } })
  schema(@Param('name') name: string) {
    if (!(NAMES as readonly string[]).includes(name))
      throw new NotFoundException({
        status: 'rejected',
        code: 'schema.not-found',
        message: `schemas: ${NAMES.join(', ')}`,
      });
    return this.schemas[name as (typeof NAMES)[number]];
  }
}
