import { ERRORS, type ErrorCode, type FieldIssue } from '@mpchat/contract';
import { StoreUnavailableError } from '../ports/store.js';

/** Extra details an error answer may carry. */
export interface ChatErrorDetails {
  issues?: FieldIssue[];
  retryAfterMs?: number;
  /** The turn an error is about (a failed reply). */
  seq?: number;
  /** Overrides the table: a stored turn failure is final even when its code is retryable as a request error. */
  retryable?: boolean;
  cause?: unknown;
}

/**
 * An error with a code from the contract's closed set. Its message is safe to show to clients;
 * `cause` is only logged. Transports turn it into the HTTP envelope or a WebSocket error frame.
 */
export class ChatError extends Error {
  readonly issues: FieldIssue[] | undefined;
  readonly retryAfterMs: number | undefined;
  readonly seq: number | undefined;
  private readonly retryableOverride: boolean | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string = ERRORS[code].message,
    details: ChatErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ChatError';
    this.issues = details.issues;
    this.retryAfterMs = details.retryAfterMs;
    this.seq = details.seq;
    this.retryableOverride = details.retryable;
  }

  /** Envelope code / HTTP status, from the contract's table. */
  get status(): number {
    return ERRORS[this.code].status;
  }

  get retryable(): boolean {
    return this.retryableOverride ?? ERRORS[this.code].retryable;
  }

  /** The error a failed turn answers with: its stored code and message, final (not retryable). */
  static ofFailedTurn(turn: { seq: number; errorCode: ErrorCode | null; errorMessage: string | null }): ChatError {
    return new ChatError(turn.errorCode ?? 'GENERATION_FAILED', turn.errorMessage ?? undefined, { seq: turn.seq, retryable: false });
  }
}

/**
 * Maps anything thrown to a ChatError: what the client may see. A store outage is 503
 * STORE_UNAVAILABLE; anything else unknown is INTERNAL. The original stays as `cause` (logged only).
 * Transport-specific errors (body parser, ws handshake) are mapped where they arise.
 */
export function toChatError(err: unknown): ChatError {
  if (err instanceof ChatError) return err;
  if (err instanceof StoreUnavailableError) {
    return new ChatError('STORE_UNAVAILABLE', 'the message store is unavailable; retry shortly', { retryAfterMs: 1_000, cause: err });
  }
  return new ChatError('INTERNAL', 'internal error; quote the requestId when reporting it', { cause: err });
}

/** The body every error answer carries, whichever door it leaves by (see {@link errorBody}). */
export interface ErrorBody {
  /** Envelope code = HTTP status, from the contract's table. */
  code: number;
  message: string;
  data: Record<string, never>;
  error: ErrorCode;
  retryable: boolean;
  issues?: FieldIssue[];
  retryAfterMs?: number;
  seq?: number;
}

/**
 * The one builder of an error answer: the HTTP envelope, the WebSocket `error` frame, a refused
 * upgrade and `/readyz` all start from it, so a field added here reaches every transport.
 */
export function errorBody(err: ChatError): ErrorBody {
  return {
    code: err.status,
    message: err.message,
    data: {},
    error: err.code,
    retryable: err.retryable,
    ...(err.issues ? { issues: err.issues } : {}),
    ...(err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}),
    ...(err.seq !== undefined ? { seq: err.seq } : {}),
  };
}
