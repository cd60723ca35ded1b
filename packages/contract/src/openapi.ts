import { z } from 'zod';
import { errorEnvelopeSchema } from './envelope.js';
import { ERRORS, type ErrorCode } from './errors.js';
import { COMMON_ERRORS, routes, type RouteDef } from './routes.js';

/** Version of the API the contract describes. */
export const API_VERSION = '1.0.0';

type JsonObject = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonObject;
  delete out.$schema;
  return out;
}

function errorResponses(route: RouteDef): JsonObject {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of [...COMMON_ERRORS, ...route.errors]) {
    const status = ERRORS[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: JsonObject = {};
  for (const [status, codes] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    out[String(status)] = {
      description: codes.join(', '),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
    };
  }
  return out;
}

function parametersOf(schema: z.ZodObject | undefined, where: 'path' | 'query'): JsonObject[] {
  return Object.entries(schema?.shape ?? {}).map(([key, field]) => {
    const { description, ...rest } = jsonSchema(field as z.ZodType, 'input');
    return {
      name: key,
      in: where,
      required: where === 'path' || !(field as z.ZodType).safeParse(undefined).success,
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

function successContent(route: RouteDef): JsonObject {
  const content: JsonObject = route.response ? { 'application/json': { schema: jsonSchema(route.response, 'output') } } : {};
  for (const type of route.produces ?? []) content[type] = { schema: { type: 'string', format: 'binary' } };
  return content;
}

function operation(name: string, route: RouteDef): JsonObject {
  const op: JsonObject = {
    operationId: name,
    summary: route.summary,
    ...(route.extension ? { 'x-extension': true } : {}),
  };
  const parameters = [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query')];
  if (parameters.length > 0) op.parameters = parameters;
  if (route.auth === 'admin') op.security = [{ adminToken: [] }];
  if (route.body) {
    op.requestBody = {
      required: true,
      content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
    };
  }
  op.responses = {
    '200': {
      description: name === 'receive' ? 'code 200 (reply done) or code 100 (still generating)' : 'code 200',
      content: successContent(route),
    },
    ...errorResponses(route),
  };
  return op;
}

/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the zod schemas. The committed
 * `openapi.json` is this document; a test fails when the two drift apart.
 */
export function buildOpenApiDocument(): JsonObject {
  const paths: JsonObject = {};
  for (const [name, route] of Object.entries(routes) as [string, RouteDef][]) {
    paths[route.path] = { ...(paths[route.path] as JsonObject | undefined), [route.method.toLowerCase()]: operation(name, route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'mpchat API',
      version: API_VERSION,
      description:
        'Chatbot API for WeChat mini-programs. Envelope code equals the HTTP status, except code 100 ' +
        '(reply still being generated) which travels as HTTP 200. Unknown request fields are ignored.',
    },
    paths,
    components: {
      schemas: { ErrorEnvelope: jsonSchema(errorEnvelopeSchema, 'output') },
      securitySchemes: { adminToken: { type: 'http', scheme: 'bearer', description: 'A token of ADMIN_TOKENS (name:token,…) or ADMIN_TOKEN' } },
    },
  };
}
