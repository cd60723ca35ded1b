import { BASE_PATH, MAX_WAIT_SECONDS, ROUTE_PATHS } from '@mpchat/contract/wire';
import type { Adapter } from './adapters/adapter.js';
import { webAdapter } from './adapters/web-adapter.js';
import { hasWx, wxAdapter } from './adapters/wx-adapter.js';
import type { AbortSignalLike } from './cancel.js';
import { tokenSource } from './auth/token-source.js';
import { wxLoginToken } from './auth/wx-login-token.js';
import { ChatError } from './chat-error.js';
import type { HttpApiOptions } from './http-api.js';
import type { TransportMode } from './public-types.js';
import type { DeltaListener } from './reply-book.js';
import { DEFAULT_TIME_ZONE } from './timestamp.js';
import type { TransportTiming } from './transports/transport.js';

/** Options of {@link ChatClient}. Only `baseUrl` is required. */
export interface ChatClientOptions {
  /** The server's origin (and any path prefix a proxy adds), e.g. `https://chat.example.com`. */
  baseUrl: string;
  /** How replies arrive (default `auto`: WebSocket, falling back to long-poll, then polling). */
  transport?: TransportMode;
  /** `wx` (wx.request / wx.connectSocket), `web` (fetch / WebSocket) or your own; default: `wx` where the global `wx` exists. */
  adapter?: 'wx' | 'web' | Adapter;
  /**
   * Who the user is, when the server runs with `AUTH=wx-login`: `'wx-login'` calls `wx.login`,
   * logs in at the server and keeps the token (renewed once on 401); elsewhere (web) give a token
   * provider, called again with `renew: true` after a 401. Omit it for `AUTH=none`, and behind
   * 微信云托管 (`AUTH=wx-cloud`, see `wxCloudAdapter`), where the platform vouches for the user.
   */
  auth?: 'wx-login' | { token: (renew: boolean) => Promise<string> };
  /** Continue an existing conversation instead of starting a new one (a UUID). */
  sessionId?: string;
  /** With `sessionId`: replies up to this seq were already shown (default 0: replay them). */
  after?: number;
  /** API base path (default `/mpweixin/chatbot`). */
  basePath?: string;
  /** WebSocket URL (default: `baseUrl` with ws(s):// + basePath + `/ws`). */
  socketUrl?: string;
  /** IANA zone of the message timestamps (default Asia/Shanghai, as the server). */
  timeZone?: string;
  /** How long `send()` waits for the whole reply, in ms (default 150 000; 0 = no limit). */
  timeoutMs?: number;
  /** Timeout of one HTTP request, in ms (default 15 000; long-polls add their wait). */
  requestTimeoutMs?: number;
  /** Retries of a send after a network failure or a retryable error (default 4). */
  maxRetries?: number;
  /** Long-poll hold in seconds, 1-25 (default 25). */
  longPollWaitSec?: number;
  /** Pause between plain polls in ms (default: the server's retryAfterMs). */
  pollIntervalMs?: number;
  /** Heartbeat ping interval in ms (default: half the server's heartbeatMs). */
  pingIntervalMs?: number;
  /** A socket silent this long after a ping is dead, in ms (default 5 000). */
  pongTimeoutMs?: number;
  /** How long a socket may take to open and say hello, in ms (default 5 000). */
  socketOpenTimeoutMs?: number;
  /** Failed socket attempts in a row before `auto` falls back to long-polling (default 2). */
  socketAttempts?: number;
  /** First retry delay in ms, doubled per attempt with jitter (default 500). */
  retryBaseMs?: number;
  /** Longest retry delay in ms (default 15 000). */
  retryMaxMs?: number;
}

/** Options of one {@link ChatClient.send}. */
export interface SendOptions {
  /** Called as the reply streams in: the whole text so far, and what was just added. */
  onDelta?: DeltaListener;
  /** Sugar for the send handle's `abort()`: stops waiting (rejects with `ABORTED`); the server still answers — use `stop()` to stop it. */
  signal?: AbortSignalLike;
  /** Overrides the client's `timeoutMs` for this message. */
  timeoutMs?: number;
}

/** Options with every default applied. */
export interface ResolvedOptions {
  adapter: Adapter;
  mode: TransportMode;
  socketUrl: string;
  timeZone: string;
  timeoutMs: number;
  http: HttpApiOptions;
  timing: TransportTiming;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks a given session id (the server lower-cases ids; so does the client). */
export function checkSessionId(id: string): string {
  if (!UUID_RE.test(id)) throw new ChatError('INVALID_ARGUMENT', `sessionId must be a UUID, got ${JSON.stringify(id)}`, { status: 400 });
  return id.toLowerCase();
}

const or = <T>(value: T | undefined, fallback: T): T => (value === undefined ? fallback : value);

/** Applies the defaults. */
export function resolveOptions(o: ChatClientOptions): ResolvedOptions {
  if (!o || typeof o.baseUrl !== 'string' || !/^(https?|wss?):\/\//i.test(o.baseUrl)) {
    throw new ChatError('INVALID_ARGUMENT', 'baseUrl must be an http(s) URL such as https://chat.example.com', { status: 400 });
  }
  const apiBase = o.baseUrl.replace(/\/+$/, '') + or(o.basePath, BASE_PATH);
  const adapter =
    o.adapter && typeof o.adapter === 'object' ? o.adapter : o.adapter === 'wx' || (o.adapter === undefined && hasWx()) ? wxAdapter() : webAdapter();
  const timing: TransportTiming = {
    requestTimeoutMs: or(o.requestTimeoutMs, 15_000),
    longPollWaitSec: Math.max(1, Math.min(adapter.maxWaitSec || MAX_WAIT_SECONDS, or(o.longPollWaitSec, MAX_WAIT_SECONDS))),
    pollIntervalMs: o.pollIntervalMs,
    pingIntervalMs: o.pingIntervalMs,
    pongTimeoutMs: or(o.pongTimeoutMs, 5_000),
    socketOpenTimeoutMs: or(o.socketOpenTimeoutMs, 5_000),
    socketAttempts: Math.max(1, or(o.socketAttempts, 2)),
    retryBaseMs: or(o.retryBaseMs, 500),
    retryMaxMs: or(o.retryMaxMs, 15_000),
  };
  const a = o.auth;
  return {
    adapter,
    mode: or(o.transport, 'auto'),
    socketUrl: or(o.socketUrl, apiBase.replace(/^http/i, 'ws') + ROUTE_PATHS.ws),
    timeZone: or(o.timeZone, DEFAULT_TIME_ZONE),
    timeoutMs: or(o.timeoutMs, 150_000),
    http: {
      baseUrl: apiBase,
      requestTimeoutMs: timing.requestTimeoutMs,
      maxRetries: or(o.maxRetries, 4),
      retryBaseMs: timing.retryBaseMs,
      retryMaxMs: timing.retryMaxMs,
      auth: a ? tokenSource(a === 'wx-login' ? wxLoginToken(adapter, apiBase + ROUTE_PATHS.login, timing.requestTimeoutMs) : a.token) : undefined,
    },
    timing,
  };
}
