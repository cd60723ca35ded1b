import Router from '@koa/router';
import { makeSendRequestSchema, routes, type RouteDef, type RouteName } from '@mpchat/contract';
import { ChatError } from '../errors/chat-error.js';
import type { ChatService } from '../chat/chat-service.js';
import { httpCaller } from './http-caller.js';
import { jsonBody } from './json-body.js';
import { sendEnvelope } from './envelope.js';
import type { HttpMiddleware, HttpState } from './http-state.js';
import { readRouteInput, type RouteHandlers } from './route-input.js';
import { healthz, readyz } from './routes/health-routes.js';
import { loginRoute } from './routes/login-route.js';
import { receiveRoute } from './routes/receive-route.js';
import { sendRoute } from './routes/send-route.js';
import { destroyRoute, stopRoute } from './routes/session-routes.js';
import { adminForgetStudentRoute, forgetRoute } from './routes/forget-routes.js';
import { adminFeedbackRoute } from './routes/admin-feedback-route.js';
import { adminKbRoutes } from './routes/admin-kb-routes.js';
import { adminCourseRoutes } from './routes/admin-course-routes.js';
import { feedbackRoute, welcomeRoute } from './routes/feedback-route.js';
import { historyRoute, sessionsRoute } from './routes/history-routes.js';

/** Largest admin request body: an imported knowledge base (at most 8 MB of content) fits. */
export const ADMIN_MAX_BODY_BYTES = 10 * 1024 * 1024;

/** What the router needs. */
export interface RouterDeps {
  chat: ChatService;
  maxContentLength: number;
  isShuttingDown: () => boolean;
  /** FEEDBACK: whether the feedback endpoint is on (off: 404 NOT_FOUND). */
  feedback?: boolean;
  /** Extra GET routes (OpenAPI document, metrics, playground). */
  extra?: Record<string, HttpMiddleware>;
}

const named =
  (name: string, handler: HttpMiddleware): HttpMiddleware =>
  (ctx, next) => {
    ctx.state.routeName = name;
    return handler(ctx, next);
  };

/**
 * Mounts the contract's routes: method, path and the body/query schemas come from the route
 * table; each handler gets validated, normalised input and returns its envelope.
 */
export function buildRouter(deps: RouterDeps): Router<HttpState> {
  const router = new Router<HttpState>();
  const handlers: RouteHandlers = {
    send: sendRoute(deps.chat),
    receive: receiveRoute(deps.chat),
    destroy: destroyRoute(deps.chat),
    stop: stopRoute(deps.chat),
    feedback: feedbackRoute(deps.chat),
    welcome: welcomeRoute(deps.chat),
    adminFeedback: adminFeedbackRoute(deps.chat),
    login: loginRoute(deps.chat),
    sessions: sessionsRoute(deps.chat),
    history: historyRoute(deps.chat),
    forget: forgetRoute(deps.chat),
    adminForgetStudent: adminForgetStudentRoute(deps.chat),
    ...adminKbRoutes(deps.chat),
    ...adminCourseRoutes(deps.chat),
  };
  // Routes switched off by a setting are not mounted: they answer 404 NOT_FOUND like any unknown path.
  const off = new Set<RouteName>(deps.feedback === false ? ['feedback'] : []);
  // The service's admin gate is asked before the input is validated: a caller without the token learns nothing from 400s.
  const adminBody = jsonBody(ADMIN_MAX_BODY_BYTES);
  const adminGuard = async (ctx: Parameters<HttpMiddleware>[0]) => {
    ctx.state.teacher = await deps.chat.admin.admit(httpCaller(ctx), ctx.get('Authorization'));
    await adminBody(ctx, async () => undefined);
  };
  // The server's MAX_CONTENT_LENGTH replaces the contract's default limit.
  const defs: Record<RouteName, RouteDef> = { ...routes, send: { ...routes.send, body: makeSendRequestSchema(deps.maxContentLength) } };
  for (const name of Object.keys(routes) as RouteName[]) {
    const def = defs[name];
    const handler = handlers[name] as ((input: unknown, ctx: Parameters<HttpMiddleware>[0]) => Promise<{ code: number }>) | undefined;
    if (off.has(name) || !handler || (def.auth === 'admin' && !deps.chat.admin.enabled)) continue;
    const guard = def.auth === 'admin' ? adminGuard : undefined;
    router.register(
      // The contract writes path parameters the OpenAPI way ({id}); @koa/router wants :id.
      def.path.replace(/\{(\w+)\}/g, ':$1'),
      [def.method],
      named(def.path, async (ctx) => {
        await guard?.(ctx);
        const out = await handler(readRouteInput(def, ctx), ctx);
        // A handler that wrote its own body (the CSV export) is not an envelope.
        if (ctx.body === undefined || ctx.body === null) sendEnvelope(ctx, out);
      }),
    );
  }
  router.get('/healthz', named('/healthz', healthz));
  router.get('/readyz', named('/readyz', readyz(deps.chat, deps.isShuttingDown)));
  for (const [path, handler] of Object.entries(deps.extra ?? {})) router.get(path, named(path, handler));
  return router;
}

/** 404 for any path no route answered, as an envelope. Mount before the router. */
export const notFound: HttpMiddleware = async (ctx, next) => {
  await next();
  if (ctx.body === undefined && ctx.status === 404) throw new ChatError('NOT_FOUND', `no endpoint at ${ctx.method} ${ctx.path}`);
};

/** 405 for a known path with another method, as an envelope. Mount after the router. */
export function methodNotAllowed(router: Router<HttpState>): HttpMiddleware {
  return router.allowedMethods({
    throw: true,
    methodNotAllowed: () => new ChatError('METHOD_NOT_ALLOWED'),
    notImplemented: () => new ChatError('METHOD_NOT_ALLOWED'),
  }) as unknown as HttpMiddleware;
}
