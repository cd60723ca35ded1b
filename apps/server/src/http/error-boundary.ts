import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { ChatError } from '../chat/chat-error.js';
import { StoreUnavailableError } from '../ports/store.js';
import { sendError, type RequestState } from './envelope.js';

/** Maps anything thrown to a ChatError: what the client may see. The original stays as `cause`. */
export function toChatError(err: unknown): ChatError {
  if (err instanceof ChatError) return err;
  if (err instanceof StoreUnavailableError) {
    return new ChatError('STORE_UNAVAILABLE', 'the message store is unavailable; retry shortly', { retryAfterMs: 1_000, cause: err });
  }
  const e = err as { status?: unknown; type?: unknown };
  // Errors from the body parser (co-body / raw-body) carry a status and a type.
  if (e.status === 413 || e.type === 'entity.too.large') {
    return new ChatError('PAYLOAD_TOO_LARGE', 'request body too large', { cause: err });
  }
  if (e.status === 415 || e.type === 'charset.unsupported' || e.type === 'encoding.unsupported') {
    return new ChatError('UNSUPPORTED_MEDIA_TYPE', 'unsupported body encoding; send UTF-8 JSON', { cause: err });
  }
  if (e.status === 400) {
    return new ChatError('INVALID_ARGUMENT', 'request body is not valid JSON', {
      issues: [{ location: 'body', path: '', message: 'body is not valid JSON' }],
      cause: err,
    });
  }
  return new ChatError('INTERNAL', 'internal error; quote the requestId when reporting it', { cause: err });
}

/**
 * The one error boundary: every throwable becomes the JSON envelope; a 500 is logged with its
 * request id and cause, and no stack or internal message reaches the client.
 */
export function errorBoundary(log: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const chatError = toChatError(err);
      const { requestId } = ctx.state as RequestState;
      if (chatError.code === 'STORE_UNAVAILABLE') {
        // An outage answers every request with 503: one short line each, not a stack per request.
        log.warn({ requestId, code: chatError.code, path: ctx.path, reason: (chatError.cause as Error | undefined)?.message }, 'store unavailable');
      } else if (chatError.status >= 500 && chatError.code !== 'SHUTTING_DOWN') {
        log.error({ err: chatError.cause ?? err, requestId, code: chatError.code, path: ctx.path }, 'request failed');
      }
      sendError(ctx, chatError);
    }
  };
}
