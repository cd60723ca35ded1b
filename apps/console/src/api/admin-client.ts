import { routes } from '@mpchat/contract';
import type { z } from 'zod';
import { adminFetch, adminJson, type QueryValues } from './admin-fetch.js';
import { saveBlob } from './save-blob.js';

type Routes = typeof routes;

/** The teachers' API: every route of the contract's table that needs an admin token. */
export type AdminRouteName = { [K in keyof Routes]: Routes[K] extends { auth: 'admin' } ? K : never }[keyof Routes];

type Part<R, K extends 'params' | 'query' | 'body'> = R extends { [P in K]: infer S extends z.ZodType } ? { [P in K]: z.input<S> } : { [P in K]?: never };

/** A route's input, typed from its schemas: path `params`, `query` (always optional) and JSON `body`. */
export type AdminInput<N extends AdminRouteName> = Part<Routes[N], 'params'> & Partial<Part<Routes[N], 'query'>> & Part<Routes[N], 'body'> & { signal?: AbortSignal };

/** The `data` of a route's success envelope. */
export type AdminData<N extends AdminRouteName> = Routes[N] extends { response: infer S extends z.ZodType } ? z.output<S> extends { data: infer D } ? D : never : never;

/** The route's path with its `{name}` segments filled in. */
export function routePath(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`[console] missing path parameter ${name} of ${path}`);
    return encodeURIComponent(String(value));
  });
}

function fetchInput(name: AdminRouteName, input: { params?: unknown; query?: unknown; body?: unknown; signal?: AbortSignal | undefined }) {
  const route = routes[name];
  return {
    method: route.method,
    path: routePath(route.path, input.params as Record<string, string>),
    query: input.query as QueryValues | undefined,
    body: input.body,
    signal: input.signal,
  };
}

/**
 * Calls one admin route by its name in the contract and answers its envelope's `data`.
 *
 * @example
 * ```ts
 * const { totals } = await callAdmin('adminStats', { query: { from: '2026-12-01' } });
 * ```
 */
export async function callAdmin<N extends AdminRouteName>(name: N, input: AdminInput<N>): Promise<AdminData<N>> {
  const envelope = (await adminJson(fetchInput(name, input))) as { data: AdminData<N> };
  return envelope.data;
}

/**
 * Downloads what a route produces as a file (a CSV, the knowledge base's zip): the request carries
 * the admin token, so a plain link cannot; the answer is handed to the browser as a blob.
 */
export async function downloadAdmin<N extends AdminRouteName>(name: N, input: AdminInput<N>, fileName: string): Promise<void> {
  const res = await adminFetch(fetchInput(name, input));
  saveBlob(await res.blob(), fileName);
}

/**
 * Whether the server takes `token`; throws the API's error otherwise. The cheapest admin read there
 * is: the feedback given from this instant on (an empty list), not a whole export.
 */
export async function checkAdminToken(token: string): Promise<void> {
  const route = routes.adminFeedback;
  await adminFetch({ method: route.method, path: route.path, query: { since: new Date().toISOString() }, token });
}
