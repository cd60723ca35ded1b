import type { Welcome } from '@mpchat/contract';
import pino from 'pino';
import { createApp, type MpchatApp } from '../app.js';
import { LocalBus } from '../adapters/local/local-bus.js';
import { LocalQueue } from '../adapters/local/local-queue.js';
import type { ChatOptions } from '../chat/options.js';
import { loadConfig } from '../config/config.js';
import type { ReplyEngine } from '../ports/engine.js';
import type { ChatStore } from '../ports/store.js';
import { MemoryStore } from '../adapters/memory/memory-store.js';
import { ScriptedEngine } from './scripted-engine.js';
import type { SharedCache } from '../wechat/shared-cache.js';

/** A real server on an ephemeral loopback port. */
export interface TestServer {
  app: MpchatApp;
  url: string;
  wsUrl: string;
  store: ChatStore;
  engine: ReplyEngine;
  /** The in-process bus the app runs on (tests watch its subscriptions). */
  bus: LocalBus;
  close(): Promise<void>;
}

/** Starts the real app (Koa + ws on node:http) on 127.0.0.1:0 with injected adapters. */
export async function startTestServer(
  opts: {
    store?: ChatStore;
    engine?: ReplyEngine;
    env?: Record<string, string>;
    chatOptions?: Partial<ChatOptions>;
    sharedCache?: SharedCache;
    welcome?: { readonly current: Welcome };
  } = {},
): Promise<TestServer> {
  const config = loadConfig({ STORE: 'memory', LOG_LEVEL: 'silent', SHUTDOWN_GRACE: '300ms', ...opts.env });
  const store = opts.store ?? new MemoryStore();
  const engine = opts.engine ?? new ScriptedEngine();
  const bus = new LocalBus();
  const app = createApp({
    config,
    store,
    engine,
    bus,
    queue: new LocalQueue(config.GENERATION_CONCURRENCY),
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    ...(opts.chatOptions ? { chatOptions: opts.chatOptions } : {}),
    ...(opts.sharedCache ? { sharedCache: opts.sharedCache } : {}),
    ...(opts.welcome ? { welcome: opts.welcome } : {}),
  });
  const { port } = await app.listen(0, '127.0.0.1');
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/mpweixin/chatbot/ws`,
    store,
    engine,
    bus,
    close: () => app.close(),
  };
}

/** A fresh session id. */
export const newSessionId = (): string => crypto.randomUUID();

/** A spec timestamp for `secondsFromNow` in Asia/Shanghai-independent form (UTC wall clock). */
export function ts(offsetSeconds = 0, base = Date.UTC(2023, 10, 3, 7, 30, 0)): string {
  const d = new Date(base + offsetSeconds * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** What the HTTP helpers return. */
export interface HttpResult {
  status: number;
  headers: Headers;
  body: Record<string, any>;
}

/** JSON POST helper returning status, headers and parsed body. */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
}

/** GET helper returning status, headers and parsed body. */
export async function get(url: string, query: Record<string, string | number> = {}): Promise<HttpResult> {
  const u = new URL(url);
  for (const [k, v] of Object.entries(query)) u.searchParams.set(k, String(v));
  const res = await fetch(u);
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
}

/** Polls receive (plain polling, as the spec's clients do) until the reply is no longer code 100. */
export async function receiveFinal(url: string, query: Record<string, string | number>, timeoutMs = 10_000): Promise<HttpResult> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await get(`${url}/mpweixin/chatbot/receive`, query);
    if (r.body.code !== 100 || Date.now() > deadline) return r;
    await new Promise((res) => setTimeout(res, 20));
  }
}
