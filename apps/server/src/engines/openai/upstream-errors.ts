import { APIConnectionError, APIError } from 'openai';
import { EngineError } from '../../ports/engine.js';

/** The provider's stream ended (cleanly, at the HTTP level) before any choice had a finish_reason. */
export class TruncatedStreamError extends Error {
  override name = 'TruncatedStreamError';
  constructor() {
    super('[openai] the stream ended without a finish_reason');
  }
}

/** What a failed upstream attempt means for the reply. */
export interface UpstreamFailure {
  /** The error that ends the turn if this attempt is the last. Its message is shown to the client. */
  error: EngineError;
  /** Whether another attempt may succeed (only ever taken before the first text was yielded). */
  retryable: boolean;
  /** How long the provider asked us to wait (Retry-After), if it did. */
  retryAfterMs?: number;
}

// undici's error codes for a connection that broke (https://undici.nodejs.org/#/docs/api/Errors).
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/**
 * Classifies whatever the `openai` client threw while starting or reading a stream. Messages
 * never carry the provider's own wording (it can name accounts or keys); the cause keeps it
 * for the log.
 */
export function classifyUpstreamError(err: unknown): UpstreamFailure {
  const fail = (code: EngineError['code'], message: string, retryable: boolean, retryAfterMs?: number): UpstreamFailure => ({
    error: new EngineError(code, message, { cause: err }),
    retryable,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
  if (err instanceof APIConnectionError) return fail('UPSTREAM_ERROR', 'could not reach the model service', true);
  if (err instanceof APIError) {
    const { status } = err;
    if (status === undefined) return fail('UPSTREAM_ERROR', 'the model service reported an error in the middle of the reply', false);
    if (status === 429) return fail('RATE_LIMITED', 'the model service is rate-limiting requests; please ask again shortly', true, retryAfter(err.headers));
    if (status === 408 || status === 409 || status >= 500) return fail('UPSTREAM_ERROR', `the model service failed (HTTP ${status})`, true, retryAfter(err.headers));
    if (status === 401 || status === 403) return fail('UPSTREAM_ERROR', `the model service refused the server's credentials (HTTP ${status})`, false);
    return fail('UPSTREAM_ERROR', `the model service rejected the request (HTTP ${status})`, false);
  }
  if (err instanceof SyntaxError) return fail('UPSTREAM_ERROR', 'the model service sent a malformed stream', false);
  if (err instanceof TruncatedStreamError || isNetworkError(err)) return fail('UPSTREAM_ERROR', 'the connection to the model service broke off', true);
  return fail('UPSTREAM_ERROR', 'the model service failed', false);
}

/** Whether `err` is a broken connection as undici reports it: `TypeError: terminated` with a socket cause, or an errno code. */
function isNetworkError(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    if (e instanceof TypeError && (e.message === 'terminated' || e.message === 'fetch failed')) return true;
  }
  return false;
}

/** The wait a 429/5xx asks for: `retry-after-ms` (OpenAI), else `retry-after` in seconds or as an HTTP date (RFC 9110 §10.2.3). */
export function retryAfter(headers: Headers | undefined): number | undefined {
  const ms = Number(headers?.get('retry-after-ms') ?? NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * Delay before retry number `attempt + 1`: the provider's hint when it gave one, otherwise
 * exponential backoff from `baseMs` capped at `maxMs`, less up to 25 % jitter so a burst of
 * rate-limited calls does not come back in lockstep.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, hintMs?: number): number {
  if (hintMs !== undefined) return hintMs;
  return Math.min(maxMs, baseMs * 2 ** attempt) * (1 - Math.random() * 0.25);
}
