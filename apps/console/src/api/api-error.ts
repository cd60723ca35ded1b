import { isErrorCode, type ErrorCode } from '@mpchat/contract/wire';
import type { FieldIssue } from '@mpchat/contract';

/** What went wrong, as the console shows it: the envelope's code, or `NETWORK` when no answer came. */
export type ApiErrorCode = ErrorCode | 'NETWORK';

/**
 * An error answer of the admin API (its envelope), or a request that got no answer at all.
 * `issues` names the fields of a 400; `requestId` is what to quote to whoever runs the server.
 */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly status: number,
    readonly issues: readonly FieldIssue[] = [],
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Reads an error envelope; a body that is not one (a proxy's HTML page) becomes INTERNAL with the status. */
  static fromEnvelope(status: number, body: unknown): ApiError {
    const env = (body ?? {}) as { error?: unknown; message?: unknown; issues?: FieldIssue[]; requestId?: unknown };
    const code = isErrorCode(env.error) ? env.error : 'INTERNAL';
    const message = typeof env.message === 'string' ? env.message : `HTTP ${status}`;
    return new ApiError(code, message, status, Array.isArray(env.issues) ? env.issues : [], typeof env.requestId === 'string' ? env.requestId : undefined);
  }
}
