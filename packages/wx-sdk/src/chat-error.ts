import type { ErrorCode, FieldIssue } from './public-types.js';

/**
 * Codes for failures the client detects itself, beside the server's {@link ErrorCode}s:
 * - `NETWORK_ERROR`: no answer (offline, connection refused or reset, app in the background).
 * - `TIMEOUT`: a request, or the wait for a reply, took longer than allowed.
 * - `ABORTED`: the caller stopped waiting (a send handle's `abort()`, or its `AbortSignal`).
 * - `BAD_RESPONSE`: the answer is not an mpchat envelope (a proxy's error page, a wrong `baseUrl`).
 */
export type ClientErrorCode = 'NETWORK_ERROR' | 'TIMEOUT' | 'ABORTED' | 'BAD_RESPONSE';

/** Every code a {@link ChatError} can carry. */
export type ChatErrorCode = ErrorCode | ClientErrorCode;

/** Details a {@link ChatError} may carry besides its code. */
export interface ChatErrorDetails {
  /** HTTP status (the envelope's `code`); 0 when no answer came. */
  status?: number;
  /** Whether repeating the same call may succeed (the server's table for server codes). */
  retryable?: boolean;
  /** Which fields were wrong (`INVALID_ARGUMENT`). */
  issues?: FieldIssue[];
  /** The server's request id: quote it when reporting a problem. */
  requestId?: string;
  /** When the server says trying again is worthwhile, in milliseconds. */
  retryAfterMs?: number;
  /** The turn this error ended (a failed reply). */
  seq?: number;
}

/**
 * The one error type the SDK rejects with. The message names the layer and the code, e.g.
 * `[wx-sdk] this session was closed; start a new one with a new sessionId (SESSION_CLOSED)`.
 *
 * @example
 * try {
 *   await client.send(text);
 * } catch (err) {
 *   if (err instanceof ChatError && err.code === 'SESSION_CLOSED') startNewConversation();
 * }
 */
export class ChatError extends Error {
  /** Machine-readable code: the server's `error` field, or a {@link ClientErrorCode}. */
  readonly code: ChatErrorCode;
  /** HTTP status; 0 when no answer came. */
  readonly status: number;
  /** Whether repeating the same call may succeed. */
  readonly retryable: boolean;
  /** Which fields were wrong (`INVALID_ARGUMENT`). */
  readonly issues: FieldIssue[] | undefined;
  /** The server's request id. */
  readonly requestId: string | undefined;
  /** When trying again is worthwhile, in milliseconds. */
  readonly retryAfterMs: number | undefined;
  /** The turn whose reply failed, when the error is about one reply. */
  readonly seq: number | undefined;

  constructor(code: ChatErrorCode, detail: string, details: ChatErrorDetails = {}) {
    // The server's own messages already end with their code: say it once.
    super(`[wx-sdk] ${detail}${detail.endsWith(`(${code})`) ? '' : ` (${code})`}`);
    // Keeps `instanceof` working when DevTools' ES5 pass compiles this class to a function.
    Object.setPrototypeOf(this, ChatError.prototype);
    this.name = 'ChatError';
    this.code = code;
    this.status = details.status === undefined ? 0 : details.status;
    this.retryable = details.retryable === true;
    this.issues = details.issues;
    this.requestId = details.requestId;
    this.retryAfterMs = details.retryAfterMs;
    this.seq = details.seq;
  }
}
