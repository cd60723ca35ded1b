import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { HttpMiddleware } from './http-state.js';

/** Prometheus metrics of one instance, served at GET /metrics. */
export interface Metrics {
  registry: Registry;
  /** Observes every HTTP request (route, method, status). */
  middleware: HttpMiddleware;
  /** Serves the text exposition format. */
  handler: HttpMiddleware;
}

/** Creates the registry; `gauges` are read at scrape time (sockets, running generations, queue). */
export function createMetrics(gauges: Record<string, { help: string; read: () => number }>): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'mpchat_' });
  const duration = new Histogram({
    name: 'mpchat_http_request_duration_seconds',
    help: 'HTTP request duration (long-poll receives include their wait)',
    labelNames: ['route', 'method', 'status'],
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30],
    registers: [registry],
  });
  const codes = new Counter({
    name: 'mpchat_http_responses_total',
    help: 'Responses by envelope code (100 = still generating)',
    labelNames: ['route', 'code'],
    registers: [registry],
  });
  for (const [name, g] of Object.entries(gauges)) {
    new Gauge({ name: `mpchat_${name}`, help: g.help, registers: [registry], collect() { this.set(g.read()); } });
  }
  return {
    registry,
    middleware: async (ctx, next) => {
      const end = duration.startTimer();
      try {
        await next();
      } finally {
        const route = ctx.state.routeName ?? 'unmatched';
        end({ route, method: ctx.method, status: String(ctx.status) });
        const code = ctx.state.code ?? (ctx.body as { code?: unknown } | undefined)?.code;
        if (typeof code === 'number') codes.inc({ route, code: String(code) });
      }
    },
    handler: async (ctx) => {
      ctx.type = registry.contentType;
      ctx.body = await registry.metrics();
    },
  };
}
