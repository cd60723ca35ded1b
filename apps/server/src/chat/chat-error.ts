import { ERRORS, type ErrorCode, type FieldIssue } from '@mpchat/contract';

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
