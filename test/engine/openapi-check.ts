import OpenAPIResponseValidator from 'openapi-response-validator';
import type { OpenAPIV3 } from 'openapi-types';

/** Paths the document leaves out on purpose: the document itself and the Prometheus text. */
const UNDOCUMENTED = /^\/(docs|metrics)(\/|-|$)/;

interface Route {
  template: string;
  pattern: RegExp;
  params: number;
  item: OpenAPIV3.PathItemObject;
}

interface Checker {
  document: OpenAPIV3.Document;
  routes: Route[];
  validators: Map<string, OpenAPIResponseValidator>;
}

const checkers = new Map<string, Promise<Checker>>();

async function checkerFor(url: string): Promise<Checker> {
  let checker = checkers.get(url);
  if (!checker) {
    checker = fetch(`${url}/docs-json`)
      .then((r) => r.json() as Promise<OpenAPIV3.Document>)
      .then((document) => ({
        document,
        validators: new Map(),
        // Literal segments win over parameters: /orders/stats before /orders/{orderId}.
        routes: Object.entries(document.paths)
          .map(([template, item]) => ({
            template,
            item: item!,
            params: (template.match(/\{/g) ?? []).length,
            pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
          }))
          .sort((a, b) => a.params - b.params),
      }));
    checkers.set(url, checker);
  }
  return checker;
}

/** The engine's OpenAPI document, as served. */
export const openApiDocumentOf = async (url: string) => (await checkerFor(url)).document;

/**
 * Checks one answer of the engine against its own OpenAPI document with an independent validator
 * (openapi-response-validator, on ajv): the route and status must be documented and the body must
 * match the schema. Every request of the end-to-end suites goes through this.
 * @returns what is wrong, or undefined.
 */
export async function mismatchWithOpenApi(
  url: string,
  method: string,
  path: string,
  status: number,
  body: unknown,
): Promise<string | undefined> {
  const pathname = new URL(path, url).pathname;
  if (UNDOCUMENTED.test(pathname)) return undefined;
  const { document, routes, validators } = await checkerFor(url);
  const route = routes.find((r) => r.pattern.test(pathname));
  const operation = route?.item[method.toLowerCase() as OpenAPIV3.HttpMethods];
  // Fastify answers a path no route has before any route runs: documented nowhere, like any 404 of a missing route.
  if (!route || !operation) return status === 404 ? undefined : `${method} ${pathname} is not in the OpenAPI document`;
  const key = `${method} ${route.template}`;
  let validator = validators.get(key);
  if (!validator) {
    const responses = Object.fromEntries(
      Object.entries(operation.responses).map(([code, response]) => [
        code,
        {
          schema: (response as OpenAPIV3.ResponseObject).content?.['application/json']
            ?.schema as OpenAPIV3.SchemaObject,
        },
      ]),
    );
    validator = new OpenAPIResponseValidator({ responses, components: document.components });
    validators.set(key, validator);
  }
  if (!operation.responses[String(status)]) return `${key} answered ${status}, which the document does not list`;
  const problem = validator.validateResponse(String(status), body);
  return (
    problem && `${key} answered ${status} with a body the document does not allow: ${JSON.stringify(problem.errors)}`
  );
}
