import { createServer, type Server } from 'node:http';
import { ADMIN_PATH, buildOpenApiDocument, WS_PATH, type Welcome } from '@mpchat/contract';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import type { Registry } from 'prom-client';
import type { Logger } from 'pino';
import { ChatError } from './errors/chat-error.js';
import { ChatService } from './chat/chat-service.js';
import type { ChatOptions } from './chat/options.js';
import { chatOptionsFrom } from './chat/chat-options-from.js';
import type { Config } from './config/config.js';
import { answerClientErrors } from './http/client-error.js';
import { errorBoundary } from './http/error-boundary.js';
import type { HttpMiddleware, HttpState } from './http/http-state.js';
import { jsonBody } from './http/json-body.js';
import { requestContext } from './http/request-context.js';
import { createMetrics } from './http/metrics.js';
import { metricsToken } from './http/metrics-token.js';
import { playgroundRoutes } from './http/playground.js';
import { consoleRoutes } from './http/console-static.js';
import { wsProbe } from './http/routes/ws-probe-route.js';
import { buildRouter, methodNotAllowed, notFound } from './http/router.js';
import { LOCAL_PROFILE } from './adapters/local/local-profile.js';
import type { AdapterProfile } from './ports/adapter-profile.js';
import type { EventBus } from './ports/bus.js';
import type { ReplyEngine } from './ports/engine.js';
import type { GenerationQueue } from './ports/queue.js';
import type { ChatStore } from './ports/store.js';
import { WsGateway } from './ws/ws-gateway.js';
import { Moderation } from './moderation/create-moderation.js';
import type { SharedCache } from './wechat/shared-cache.js';
import { buildClientGuards } from './client-guards.js';
import { identify } from './http/identify.js';
import type { LimitStore } from './ports/limit-store.js';
import { trustedProxyHops } from './http/client-address.js';
import { createAdminThrottle } from './limits/admin-throttle.js';
import { adminTokensOf } from './config/teacher-settings.js';
import { readKbDir, readKbSynonyms } from './knowledge/kb-dir.js';

/** The adapters and settings an app is built from. */
export interface AppDeps {
  config: Config;
  store: ChatStore;
  engine: ReplyEngine;
  bus: EventBus;
  queue: GenerationQueue;
  /** What the adapters need from the service; the in-process profile when omitted. */
  profile?: AdapterProfile;
  logger: Logger;
  /** Extra GET routes mounted beside the API (OpenAPI document, metrics, playground, console). */
  extraRoutes?: Record<string, HttpMiddleware>;
  /** The opening message and starters (welcome file beside the KB); built-in defaults when omitted. */
  welcome?: { readonly current: Welcome };
  /** Overrides of the chat options derived from config (tests). */
  chatOptions?: Partial<ChatOptions>;
  /** Where WeChat's access token is shared between instances (Redis with STORE=redis); memory when omitted. */
  sharedCache?: SharedCache;
  /** Where per-client limit counters live (the adapters' choice); in memory when omitted. */
  limitStore?: LimitStore;
}

/** A built server: Koa app, chat service and HTTP server (not yet listening). */
export interface MpchatApp {
  koa: Koa<HttpState>;
  chat: ChatService;
  server: Server;
  gateway: WsGateway;
  /** Prometheus registry (served at /metrics unless METRICS=false). */
  metrics: Registry;
  /** Content moderation, when `MODERATION` names filters (main reloads its word list on SIGHUP). */
  moderation: Moderation | undefined;
  /** Starts the chat service and listens. Resolves with the bound address. */
  listen(port: number, host: string): Promise<AddressInfo>;
  /** Graceful shutdown: refuse new work, tell sockets, answer held polls, finish or checkpoint replies, close ports. */
  close(): Promise<void>;
}

/**
 * Builds the app from injected adapters. `main.ts` reads the configuration, builds the adapters
 * and listens; tests call this with a memory or SQLite store and a scripted engine.
 */
export function createApp(deps: AppDeps): MpchatApp {
  const { config, logger } = deps;
  const moderation = Moderation.fromConfig(config, logger.child({ component: 'moderation' }), deps.sharedCache);
  const guards = buildClientGuards(config, deps.limitStore ?? { kind: 'memory' });
  const chat = new ChatService({
    store: deps.store,
    engine: deps.engine,
    bus: deps.bus,
    queue: deps.queue,
    logger: logger.child({ component: 'chat' }),
    options: { ...chatOptionsFrom(config), ...deps.chatOptions },
    profile: deps.profile ?? LOCAL_PROFILE,
    moderation,
    ...(deps.welcome ? { welcome: deps.welcome } : {}),
    limits: guards.limits,
    ...(guards.login ? { login: guards.login } : {}),
    adminTokens: adminTokensOf(config),
    adminThrottle: createAdminThrottle(deps.limitStore ?? { kind: 'memory' }),
    pseudonymKey: config.PSEUDONYM_KEY,
    seedKnowledge: () => readKbDir(config.KB_DIR),
    seedSynonyms: () => readKbSynonyms(config.KB_DIR),
  });
  let shuttingDown = false;
  const shutdown = new AbortController();

  // ctx.ip follows the same rule as clientAddress (the entry the last trusted proxy appended).
  const hops = trustedProxyHops(config);
  const koa = new Koa<HttpState>({ proxy: hops > 0, maxIpsCount: hops });
  koa.silent = true;
  let gateway: WsGateway | undefined;
  const metrics = createMetrics({
    ws_connections: { help: 'Open WebSocket connections', read: () => gateway?.size ?? 0 },
    generations_running: { help: 'Replies being generated on this instance', read: () => chat.running },
    sessions_queued: { help: 'Sessions with work waiting or running in the generation queue', read: () => deps.queue.size },
  });
  if (moderation) metrics.registry.registerMetric(moderation.blocks);
  const openapi = buildOpenApiDocument();
  const router = buildRouter({
    chat,
    maxContentLength: config.MAX_CONTENT_LENGTH,
    isShuttingDown: () => shuttingDown,
    feedback: config.FEEDBACK,
    extra: {
      '/openapi.json': (ctx) => {
        ctx.body = openapi;
      },
      ...(config.METRICS ? { '/metrics': config.METRICS_TOKEN ? metricsToken(config.METRICS_TOKEN, metrics.handler) : metrics.handler } : {}),
      ...(config.PLAYGROUND ? playgroundRoutes({ auth: config.AUTH, welcome: () => chat.welcome() }) : {}),
      ...(config.CONSOLE ? consoleRoutes() : {}),
      // Plain HTTP on the WebSocket path (微信云托管's health check) answers 200, not 404.
      [WS_PATH]: wsProbe,
      ...deps.extraRoutes,
    },
  });
  const refuseWhileClosing: HttpMiddleware = async (ctx, next) => {
    if (shuttingDown && ctx.path.startsWith('/mpweixin/')) {
      ctx.set('Connection', 'close');
      throw new ChatError('SHUTTING_DOWN', 'server is shutting down; retry shortly', { retryAfterMs: 1_000 });
    }
    ctx.state.shutdown = shutdown.signal;
    await next();
  };
  koa.use(requestContext(logger.child({ component: 'http' })));
  koa.use(metrics.middleware);
  koa.use(errorBoundary(logger.child({ component: 'http' })));
  koa.use(refuseWhileClosing);
  koa.use(identify(guards.identify, hops));
  // Admin bodies (an imported knowledge base) are larger; the router parses them once the admin token passed.
  koa.use(jsonBody(config.MAX_BODY_BYTES, (path) => path.startsWith(`${ADMIN_PATH}/`)));
  koa.use(notFound);
  koa.use(router.routes());
  koa.use(methodNotAllowed(router));

  const handle = koa.callback();
  // A request whose headers or body trickle in is cut after REQUEST_TIMEOUT (Node's default is
  // 300 s, long enough for a few hundred slow clients to hold a descriptor each). Node checks the
  // deadline every connectionsCheckingInterval, so a cut comes at most that much later.
  const server = createServer({
    requestTimeout: config.REQUEST_TIMEOUT,
    headersTimeout: Math.min(60_000, config.REQUEST_TIMEOUT),
    connectionsCheckingInterval: Math.min(5_000, Math.max(250, Math.floor(config.REQUEST_TIMEOUT / 4))),
  }, handle);
  // Long-polls hold requests up to 25 s; keep sockets open a little longer than proxies expect.
  server.keepAliveTimeout = 65_000;
  gateway = new WsGateway(
    chat,
    {
      heartbeatMs: config.WS_HEARTBEAT,
      maxBufferedBytes: config.WS_MAX_BUFFERED_BYTES,
      ratePerSecond: config.WS_RATE_PER_SECOND,
      rateBurst: config.WS_RATE_BURST,
      maxContentLength: config.MAX_CONTENT_LENGTH,
      touchEveryMs: Math.min(10_000, Math.floor(config.SESSION_IDLE_TTL / 4)),
      trustedProxyHops: hops,
      identify: guards.identify,
    },
    logger.child({ component: 'ws' }),
  );
  gateway.attach(server, handle);
  answerClientErrors(server, logger.child({ component: 'http' }));

  return {
    koa,
    chat,
    server,
    gateway,
    metrics: metrics.registry,
    moderation,
    async listen(port, host) {
      await chat.start();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      return server.address() as AddressInfo;
    },
    async close() {
      if (shuttingDown) return;
      shuttingDown = true;
      // Sockets get `bye` + 1001 now; silent peers are terminated after a second (see WsGateway.close).
      const socketsClosed = gateway.close();
      shutdown.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Held long-polls were answered by the abort above; anything still open after the grace (a
      // client that sent half a request, or one that never reads its response) is cut.
      const cut = setTimeout(() => server.closeAllConnections(), Math.max(config.SHUTDOWN_GRACE, 1_000));
      cut.unref();
      await chat.close(config.SHUTDOWN_GRACE);
      await Promise.all([closed, socketsClosed]);
      clearTimeout(cut);
      await deps.queue.close();
      await deps.bus.close();
      await deps.store.close();
      await deps.engine.close?.();
    },
  };
}
