import { COMMON_ERRORS, routes, type RouteDef } from '@mpchat/contract';
import { afterAll } from 'vitest';

/**
 * Keeps each route's error list in the contract (`routes.ts`, and so `openapi.json`) true: every
 * error a test provokes on a route must be in that route's list or in COMMON_ERRORS. Runs as a
 * setup file of the server's tests: it watches the answers `fetch` gets from the server's routes
 * (every error status is 4xx or 5xx) and fails the test file that saw an unlisted one.
 */

/** Error codes seen per route name. */
export type SeenErrors = Map<string, Set<string>>;

/** The errors in `seen` that their route does not list, as `route: CODE` lines. */
export function unlistedErrors(seen: SeenErrors, table: Record<string, Pick<RouteDef, 'errors'>>): string[] {
  const out: string[] = [];
  for (const [name, codes] of seen) {
    const listed = new Set<string>([...COMMON_ERRORS, ...(table[name]?.errors ?? [])]);
    for (const code of codes) if (!listed.has(code)) out.push(`${name}: ${code}`);
  }
  return out.sort();
}

/** The route a request addressed, when it is one of the contract's routes with its own method. */
export function routeOf(method: string, url: string): string | undefined {
  const path = new URL(url).pathname;
  const m = method.toUpperCase();
  const defs = Object.entries(routes as Record<string, RouteDef>).filter(([, r]) => r.method === m);
  // A fixed path first (/admin/kb/search is not /admin/kb/entries/{id}), then one with parameters ({id} is one segment).
  return defs.find(([, r]) => r.path === path)?.[0] ?? defs.find(([, r]) => templateOf(r.path).test(path))?.[0];
}

const templates = new Map<string, RegExp>();
function templateOf(path: string): RegExp {
  let re = templates.get(path);
  if (!re) templates.set(path, (re = new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}$`)));
  return re;
}

const seen: SeenErrors = new Map();
const originalFetch = globalThis.fetch;

globalThis.fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  const res = await originalFetch(input, init);
  const url = input instanceof Request ? input.url : String(input);
  const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
  const name = routeOf(method, url);
  if (name && !res.ok && res.headers.get('content-type')?.includes('json')) {
    const body = (await res.clone().json().catch(() => undefined)) as { error?: unknown } | undefined;
    if (typeof body?.error === 'string') {
      if (!seen.has(name)) seen.set(name, new Set());
      seen.get(name)!.add(body.error);
    }
  }
  return res;
};

afterAll(() => {
  globalThis.fetch = originalFetch;
  const unlisted = unlistedErrors(seen, routes);
  if (unlisted.length > 0) {
    throw new Error(`routes answered errors their contract list lacks (add them in packages/contract/src/routes.ts): ${unlisted.join(', ')}`);
  }
});
