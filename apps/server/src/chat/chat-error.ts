import { ERRORS, type ErrorCode, type FieldIssue } from '@mpchat/contract';

/** Extra details an error answer may carry. */
export interface ChatErrorDetails {
  issues?: FieldIssue[];
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * An error with a code from the contract's closed set. Its message is safe to show to clients;
 * `cause` is only logged. Transports turn it into the HTTP envelope or a WebSocket error frame.
 */
export class ChatError extends Error {
  readonly issues: FieldIssue[] | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string = ERRORS[code].message,
    details: ChatErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ChatError';
    this.issues = details.issues;
    this.retryAfterMs = details.retryAfterMs;
  }

  /** Envelope code / HTTP status, from the contract's table. */
  get status(): number {
    return ERRORS[this.code].status;
  }

  get retryable(): boolean {
    return ERRORS[this.code].retryable;
  }
}
