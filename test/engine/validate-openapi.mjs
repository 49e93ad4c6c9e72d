// Validates an OpenAPI document read from stdin with @seriousme/openapi-schema-validator (ESM only,
// so it runs here, in plain Node, rather than inside jest) and prints { valid, errors } as JSON.
import { Validator } from '@seriousme/openapi-schema-validator';

let text = '';
for await (const chunk of process.stdin) text += chunk;
const result = await new Validator().validate(JSON.parse(text));
process.stdout.write(JSON.stringify({ valid: result.valid, errors: result.errors ?? [] }));
