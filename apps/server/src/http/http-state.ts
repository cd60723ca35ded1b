import type { Middleware, ParameterizedContext } from 'koa';
import type { Identity } from '../auth/identity.js';
import type { Teacher } from '../chat/admin-desk.js';

/** What every request carries in `ctx.state`, typed once instead of cast at each use. */
export interface HttpState {
  /** Set by the request-context middleware (the caller's X-Request-Id when safe, else a UUID). */
  requestId: string;
  /** Route name for the access log and metrics, once a route matched. */
  routeName?: string;
  /** The envelope's `code` once one was written (the body may be its JSON string), for the access log and metrics. */
  code?: number;
  /** Aborts when the server shuts down (held long-polls answer at once). */
  shutdown?: AbortSignal;
  /** Who is asking, resolved once per API request by the identify middleware (issue #12). */
  identity?: Identity;
  /** On admin routes: the teacher the service's admin gate let in. */
  teacher?: Teacher;
}

/** A Koa context with the typed state. */
export type HttpContext = ParameterizedContext<HttpState>;

/** A Koa middleware with the typed state. */
export type HttpMiddleware = Middleware<HttpState>;
