import type { Adapter, SocketConnection } from './adapter.js';
import { withJson } from './wx-adapter.js';

interface FetchResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}
type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: unknown }) => Promise<FetchResponse>;

interface AbortControllerLike {
  readonly signal: unknown;
  abort(): void;
}

/** The browser WebSocket surface the adapter uses (the `ws` package's WebSocket fits too). */
export interface WebSocketLike {
  binaryType: string;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/**
 * A WebSocket constructor. Headers (the login token) reach the upgrade only where the constructor
 * takes them as the `ws` package does (`new WebSocket(url, [], { headers })`); a browser's cannot,
 * so with `auth` a browser's socket is refused and the client long-polls instead.
 */
export type WebSocketConstructor = new (url: string, protocols?: string[], options?: { headers: Record<string, string> }) => WebSocketLike;

interface CryptoLike {
  getRandomValues<T extends Uint8Array>(array: T): T;
}

declare const fetch: FetchLike | undefined;
declare const WebSocket: WebSocketConstructor | undefined;
declare const AbortController: (new () => AbortControllerLike) | undefined;
declare const crypto: CryptoLike | undefined;
type OnlineListener = (type: 'online', listener: () => void) => void;
declare const addEventListener: OnlineListener | undefined;
declare const removeEventListener: OnlineListener | undefined;

/** What {@link webAdapter} may be given instead of the globals. */
export interface WebAdapterOptions {
  /** Defaults to the global `fetch`. */
  fetch?: FetchLike;
  /** Defaults to the global `WebSocket` (Node 20 has none: pass the `ws` package's). */
  WebSocket?: WebSocketConstructor;
}

/**
 * The adapter for browsers, Node (≥ 18 for fetch) and tests: `fetch`, `WebSocket`,
 * `crypto.getRandomValues`.
 *
 * @example
 * import WebSocket from 'ws';
 * const client = new ChatClient({ baseUrl: 'http://localhost:8080', adapter: webAdapter({ WebSocket }) });
 */
export function webAdapter(options: WebAdapterOptions = {}): Adapter {
  return {
    request(req, done) {
      const f = options.fetch || (typeof fetch !== 'undefined' ? fetch : undefined);
      let finished = false;
      const finish: typeof done = (outcome) => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        done(outcome);
      };
      const controller = typeof AbortController !== 'undefined' ? new AbortController() : undefined;
      const timer = setTimeout(() => {
        if (controller) controller.abort();
        finish({ ok: false, failure: 'timeout', message: `no answer within ${req.timeoutMs} ms` });
      }, req.timeoutMs);
      if (!f) {
        finish({ ok: false, failure: 'network', message: 'this runtime has no fetch' });
        return { abort: () => undefined };
      }
      f(req.url, {
        method: req.method,
        headers: withJson(req.body, req.headers),
        body: req.body,
        signal: controller && controller.signal,
      })
        .then((res) =>
          res.text().then((text) => finish({ ok: true, status: res.status, body: text, retryAfter: res.headers.get('retry-after') || undefined })),
        )
        .then(undefined, (err: unknown) => finish({ ok: false, failure: 'network', message: String(err) }));
      return {
        abort() {
          finished = true;
          clearTimeout(timer);
          if (controller) controller.abort();
        },
      };
    },
    connectSocket(url, _timeoutMs, headers) {
      const Ctor = options.WebSocket || (typeof WebSocket !== 'undefined' ? WebSocket : undefined);
      if (!Ctor) throw new Error('[wx-sdk] this runtime has no WebSocket (pass one to webAdapter)');
      const ws = headers ? new Ctor(url, [], { headers }) : new Ctor(url);
      ws.binaryType = 'arraybuffer';
      const conn: SocketConnection = {
        send(text, onFail) {
          try {
            ws.send(text);
          } catch (err) {
            onFail(String(err));
          }
        },
        close(code, reason) {
          try {
            ws.close(code, reason);
          } catch {
            // Closing a socket that never opened throws in some runtimes; it is going away anyway.
          }
        },
        onOpen: (listener) => (ws.onopen = () => listener()),
        onMessage: (listener) => (ws.onmessage = (ev) => listener(ev.data as string | ArrayBuffer)),
        onClose: (listener) => (ws.onclose = (ev) => listener(ev.code, ev.reason)),
        onError: (listener) => (ws.onerror = () => listener('WebSocket error')),
      };
      return conn;
    },
    watchNetwork(onChange) {
      // Browsers fire `online` when a network comes back; Node has no such event.
      if (typeof addEventListener !== 'function' || typeof removeEventListener !== 'function') return () => undefined;
      addEventListener('online', onChange);
      return () => removeEventListener('online', onChange);
    },
    randomBytes(length) {
      if (typeof crypto === 'undefined' || !crypto || typeof crypto.getRandomValues !== 'function') return Promise.resolve(null);
      return Promise.resolve(crypto.getRandomValues(new Uint8Array(length)));
    },
  };
}
