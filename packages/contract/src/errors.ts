// Zod-free on purpose: the wire entry (`@mpchat/contract/wire`) re-exports this table for the SDK,
// whose bundle must not carry zod. The zod `errorCodeSchema` (envelope.ts) derives from it.

/**
 * What an error ends:
 * - `request`: only the call that got it; fix the request or repeat it (see `retryable`).
 * - `turn`: the reply of one turn is over (receive or a WS `error` frame names its `seq`); send the
 *   question again to retry. A send refused with it ended only that request.
 * - `session`: the conversation is over; start a new one with a new session id.
 */
export type ErrorScope = 'request' | 'turn' | 'session';

/**
 * The closed set of machine-readable error codes, and the one table that maps each to its
 * envelope `code` (which is also the HTTP status, see the README's status policy), whether
 * retrying the same request may succeed, and what the error ends ({@link ErrorScope}). The server
 * and the SDK both read this table; nobody hard-codes a status elsewhere.
 */
export const ERRORS = {
  /** A field is missing or malformed; `issues` says which and where. */
  INVALID_ARGUMENT: { status: 400, retryable: false, ends: 'request', message: 'invalid request' },
  /** The request body is larger than the server accepts. */
  PAYLOAD_TOO_LARGE: { status: 413, retryable: false, ends: 'request', message: 'request body too large' },
  /** The body is not JSON (Content-Type must be application/json). */
  UNSUPPORTED_MEDIA_TYPE: { status: 415, retryable: false, ends: 'request', message: 'Content-Type must be application/json' },
  /** The request headers are larger than the server accepts (Node's parser limit). */
  HEADERS_TOO_LARGE: { status: 431, retryable: false, ends: 'request', message: 'request headers too large' },
  /** No route at this path. */
  NOT_FOUND: { status: 404, retryable: false, ends: 'request', message: 'no such endpoint' },
  /** The route exists but not for this method. */
  METHOD_NOT_ALLOWED: { status: 405, retryable: false, ends: 'request', message: 'method not allowed' },
  /** The session id has never been used with this server (or was forgotten after retention). */
  SESSION_NOT_FOUND: { status: 404, retryable: false, ends: 'session', message: 'session not found' },
  /** The session was destroyed or expired; start a new one with a new id. */
  SESSION_CLOSED: { status: 410, retryable: false, ends: 'session', message: 'session closed' },
  /** There is no message at or after the requested timestamp / sequence number. */
  NO_SUCH_MESSAGE: { status: 404, retryable: false, ends: 'request', message: 'no such message' },
  /** No knowledge-base entry has this id (or it was deleted). */
  ENTRY_NOT_FOUND: { status: 404, retryable: false, ends: 'request', message: 'no such knowledge-base entry' },
  /** No group of unanswered questions has this id (any more). */
  GROUP_NOT_FOUND: { status: 404, retryable: false, ends: 'request', message: 'no such group of unanswered questions' },
  /** The entry (or synonyms list) changed since the version the edit was based on; reload and edit again. */
  VERSION_CONFLICT: { status: 409, retryable: false, ends: 'request', message: 'changed by someone else; reload and edit again' },
  /** The turn's reply is still being generated; rate it once it is done. */
  NOT_SETTLED: { status: 409, retryable: false, ends: 'request', message: 'the reply is still being generated' },
  /** No valid identity: the login token is missing, expired or bad, or the trusted header is absent. */
  UNAUTHENTICATED: { status: 401, retryable: false, ends: 'request', message: 'login required' },
  /** WeChat refuses this user (jscode2session 40226: high-risk user). */
  FORBIDDEN: { status: 403, retryable: false, ends: 'request', message: 'this user may not use the service' },
  /** The message was refused by content moderation; change it before sending again. */
  CONTENT_REJECTED: { status: 422, retryable: false, ends: 'request', message: 'message rejected by content moderation' },
  /**
   * A quota was used up: the session's message quota, a per-client limit or the socket's frame rate
   * (a refused request), or the upstream model's rate limit (the turn's reply failed).
   */
  RATE_LIMITED: { status: 429, retryable: true, ends: 'turn', message: 'rate limited' },
  /** Too many messages of this session are still waiting for a reply. */
  BUSY: { status: 429, retryable: true, ends: 'request', message: 'too many pending messages in this session' },
  /** The server holds as many live sessions as it is configured for. */
  TOO_MANY_SESSIONS: { status: 503, retryable: true, ends: 'request', message: 'server is at its live-session limit' },
  /** The reply engine failed; the turn is over. Send the question again to retry. */
  GENERATION_FAILED: { status: 502, retryable: false, ends: 'turn', message: 'reply generation failed' },
  /** The upstream model sent an error or cut its stream. */
  UPSTREAM_ERROR: { status: 502, retryable: false, ends: 'turn', message: 'upstream model error' },
  /** The upstream model did not answer in time. */
  UPSTREAM_TIMEOUT: { status: 504, retryable: false, ends: 'turn', message: 'upstream model timed out' },
  /** A WeChat API the request needs is busy or unreachable; retry shortly. */
  UPSTREAM_UNAVAILABLE: { status: 503, retryable: true, ends: 'request', message: 'WeChat service unavailable' },
  /** The message store cannot be reached right now. */
  STORE_UNAVAILABLE: { status: 503, retryable: true, ends: 'request', message: 'message store unavailable' },
  /** The server is shutting down; retry against another instance or shortly. */
  SHUTTING_DOWN: { status: 503, retryable: true, ends: 'request', message: 'server is shutting down' },
  /** An unexpected server fault; the response carries a request id to quote. */
  INTERNAL: { status: 500, retryable: true, ends: 'request', message: 'internal error' },
} as const satisfies Record<string, { status: number; retryable: boolean; ends: ErrorScope; message: string }>;

/** One of the closed set of error codes. */
export type ErrorCode = keyof typeof ERRORS;

/** Every error code, in declaration order. */
export const ERROR_CODES = Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]];

/** Whether `value` is one of the error codes (for reading untrusted responses). */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERRORS, value);
}

/** Envelope codes that are not errors. */
export const OK_CODE = 200;
/** Envelope code of receive while the reply is still being generated (spec: "100 Continue"). */
export const GENERATING_CODE = 100;
