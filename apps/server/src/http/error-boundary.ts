import type { Logger } from 'pino';
import { toChatError } from '../errors/chat-error.js';
import { isServerFault } from '../errors/error-headers.js';
import { sendError } from './envelope.js';
import type { HttpMiddleware } from './http-state.js';

/**
 * The one error boundary: every throwable becomes the JSON envelope; a 500 is logged with its
 * request id and cause, and no stack or internal message reaches the client.
 */
export function errorBoundary(log: Logger): HttpMiddleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const chatError = toChatError(err);
      const { requestId } = ctx.state;
      if (chatError.code === 'STORE_UNAVAILABLE') {
        // An outage answers every request with 503: one short line each, not a stack per request.
        log.warn({ requestId, code: chatError.code, path: ctx.path, reason: (chatError.cause as Error | undefined)?.message }, 'store unavailable');
      } else if (isServerFault(chatError)) {
        log.error({ err: chatError.cause ?? err, requestId, code: chatError.code, path: ctx.path }, 'request failed');
      }
      sendError(ctx, chatError);
    }
  };
}
