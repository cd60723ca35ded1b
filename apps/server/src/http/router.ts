import Router from '@koa/router';
import { routes } from '@mpchat/contract';
import type { Middleware } from 'koa';
import { ChatError } from '../chat/chat-error.js';
import type { ChatService } from '../chat/chat-service.js';
import type { RequestState } from './envelope.js';
import { healthz, readyz } from './routes/health-routes.js';
import { receiveRoute } from './routes/receive-route.js';
import { sendRoute } from './routes/send-route.js';
import { destroyRoute, stopRoute } from './routes/session-routes.js';

/** What the router needs. */
export interface RouterDeps {
  chat: ChatService;
  maxContentLength: number;
  isShuttingDown: () => boolean;
  /** Extra GET routes (OpenAPI document, metrics, playground). */
  extra?: Record<string, Middleware>;
}

const named =
  (name: string, handler: Middleware): Middleware =>
  (ctx, next) => {
    (ctx.state as RequestState).routeName = name;
    return handler(ctx, next);
  };

/** Mounts the contract's routes (method and path come from the contract, not from here). */
export function buildRouter(deps: RouterDeps): Router {
  const router = new Router();
  const handlers: Record<keyof typeof routes, Middleware> = {
    send: sendRoute(deps.chat, deps.maxContentLength),
    receive: receiveRoute(deps.chat),
    destroy: destroyRoute(deps.chat),
    stop: stopRoute(deps.chat),
  };
  for (const [name, def] of Object.entries(routes) as [keyof typeof routes, (typeof routes)[keyof typeof routes]][]) {
    router.register(def.path, [def.method], named(def.path, handlers[name]));
  }
  router.get('/healthz', named('/healthz', healthz));
  router.get('/readyz', named('/readyz', readyz(deps.chat, deps.isShuttingDown)));
  for (const [path, handler] of Object.entries(deps.extra ?? {})) router.get(path, named(path, handler));
  return router;
}

/** 404 for any path no route answered, as an envelope. Mount before the router. */
export const notFound: Middleware = async (ctx, next) => {
  await next();
  if (ctx.body === undefined && ctx.status === 404) throw new ChatError('NOT_FOUND', `no endpoint at ${ctx.method} ${ctx.path}`);
};

/** 405 for a known path with another method, as an envelope. Mount after the router. */
export function methodNotAllowed(router: Router): Middleware {
  return router.allowedMethods({
    throw: true,
    methodNotAllowed: () => new ChatError('METHOD_NOT_ALLOWED'),
    notImplemented: () => new ChatError('METHOD_NOT_ALLOWED'),
  }) as unknown as Middleware;
}
