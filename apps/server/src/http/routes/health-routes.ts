import { ChatError, errorBody } from '../../errors/chat-error.js';
import type { ChatService } from '../../chat/chat-service.js';
import type { HttpMiddleware } from '../http-state.js';

/** GET /healthz: the process is alive. */
export const healthz: HttpMiddleware = (ctx) => {
  ctx.body = { code: 200, message: 'alive' };
};

/**
 * GET /readyz: the store answers and the engine is loaded; otherwise the error envelope, 503 (500
 * while the engine is still loading), with the checks as `data` (take this instance out of rotation).
 */
export function readyz(chat: ChatService, isShuttingDown: () => boolean): HttpMiddleware {
  return async (ctx) => {
    const checks: Record<string, string> = { ...(await chat.readiness()) };
    if (isShuttingDown()) checks.server = 'shutting down';
    const ready = Object.values(checks).every((v) => v === 'ok');
    if (ready) {
      ctx.body = { code: 200, message: 'ready', data: checks };
      return;
    }
    const message = `not ready: ${Object.entries(checks).filter(([, v]) => v !== 'ok').map(([k, v]) => `${k} ${v}`).join(', ')}`;
    const code = checks.store !== 'ok' ? 'STORE_UNAVAILABLE' : isShuttingDown() ? 'SHUTTING_DOWN' : 'INTERNAL';
    const body = { ...errorBody(new ChatError(code, message, { retryable: true })), data: checks };
    ctx.status = body.code;
    ctx.body = body;
  };
}
