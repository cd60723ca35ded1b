import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi.js';
import { routes } from './routes.js';

describe('openapi.json', () => {
  it('matches the schemas (run `pnpm --filter @mpchat/contract gen:openapi` after changing them)', () => {
    const committed = JSON.parse(readFileSync(new URL('../openapi.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(buildOpenApiDocument());
  });

  it('documents every route with its error statuses', () => {
    const doc = buildOpenApiDocument() as { openapi: string; paths: Record<string, Record<string, { responses: object }>> };
    expect(doc.openapi).toBe('3.1.0');
    for (const route of Object.values(routes)) {
      const op = doc.paths[route.path]![route.method.toLowerCase()]!;
      expect(Object.keys(op.responses)).toContain('200');
      expect(Object.keys(op.responses)).toContain('400');
    }
  });
});
