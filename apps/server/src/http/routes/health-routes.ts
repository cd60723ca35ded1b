import type { Middleware } from 'koa';
import type { ReplyEngine } from '../../ports/engine.js';
import type { ChatStore } from '../../ports/store.js';

/** GET /healthz: the process is alive. */
export const healthz: Middleware = (ctx) => {
  ctx.body = { code: 200, message: 'alive' };
};

/** GET /readyz: the store answers and the engine is loaded; 503 otherwise (take this instance out of rotation). */
export function readyz(store: ChatStore, engine: ReplyEngine, isShuttingDown: () => boolean): Middleware {
  return async (ctx) => {
    const checks: Record<string, string> = {};
    try {
      await store.ping();
      checks.store = 'ok';
    } catch {
      checks.store = 'unavailable';
    }
    checks.engine = engine.isReady() ? 'ok' : 'loading';
    if (isShuttingDown()) checks.server = 'shutting down';
    const ready = Object.values(checks).every((v) => v === 'ok');
    ctx.status = ready ? 200 : 503;
    ctx.body = ready
      ? { code: 200, message: 'ready', data: checks }
      : {
          code: 503,
          message: `not ready: ${Object.entries(checks).filter(([, v]) => v !== 'ok').map(([k, v]) => `${k} ${v}`).join(', ')}`,
          data: checks,
          error: checks.store !== 'ok' ? 'STORE_UNAVAILABLE' : isShuttingDown() ? 'SHUTTING_DOWN' : 'INTERNAL',
          retryable: true,
        };
  };
}
