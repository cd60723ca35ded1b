import { ApiError } from './api-error.js';
import { readAdminToken } from './admin-token.js';

/** Query values as the admin API reads them (strings on the wire; undefined and '' are left out). */
export type QueryValues = Record<string, string | number | boolean | undefined | null>;

/** One call: method, path (params already filled in), query and JSON body. */
export interface FetchInput {
  method: string;
  path: string;
  query?: QueryValues | undefined;
  body?: unknown;
  /** Sent instead of the stored token (sign-in checks a token before keeping it). */
  token?: string;
  signal?: AbortSignal | undefined;
}

/** Called when the server no longer takes the stored token (the router sends the teacher to sign in). */
let onUnauthenticated: (() => void) | undefined;
/** Sets what happens on a 401 from any call. */
export function whenUnauthenticated(handler: () => void): void {
  onUnauthenticated = handler;
}

/** `path?query` with empty values left out. */
export function withQuery(path: string, query: QueryValues = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * Sends one admin request with `Authorization: Bearer <token>` and answers the Response when it
 * succeeded; an error envelope (or no answer) is thrown as an {@link ApiError}.
 */
export async function adminFetch(input: FetchInput): Promise<Response> {
  const token = input.token ?? readAdminToken() ?? '';
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  const init: RequestInit = { method: input.method, headers, signal: input.signal ?? null };
  if (input.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(input.body);
  }
  let res: Response;
  try {
    res = await fetch(withQuery(input.path, input.query), init);
  } catch (cause) {
    if ((cause as Error).name === 'AbortError') throw cause;
    throw new ApiError('NETWORK', (cause as Error).message, 0);
  }
  if (res.ok) return res;
  const body: unknown = await res.json().catch(() => undefined);
  const error = ApiError.fromEnvelope(res.status, body);
  if (error.code === 'UNAUTHENTICATED' && input.token === undefined) onUnauthenticated?.();
  throw error;
}

/** {@link adminFetch} and the envelope's JSON. */
export async function adminJson(input: FetchInput): Promise<unknown> {
  const res = await adminFetch(input);
  return res.json();
}
