import type { Identity } from '../auth/identity.js';

/**
 * Who asks the chat service for something. Every public service method takes one, from either
 * transport, so a policy (ownership by identity, per-client limits, content filtering) is written
 * once in {@link ChatService} and holds for HTTP and WebSocket alike.
 */
export interface Caller {
  /** Which door the request came through. `system`: the service itself (idle sweeper). */
  transport: 'http' | 'ws' | 'system';
  /**
   * The client's address: Koa's `ctx.ip` over HTTP, the upgrade request's address over WebSocket
   * (both honour X-Forwarded-For only when TRUST_PROXY is set).
   */
  address: string;
  /**
   * Who is asking: a WeChat user in `AUTH=wx-login` / `wx-cloud`, else anonymous by
   * address. Resolved once per HTTP request and once per WebSocket upgrade. Its openid (when known)
   * is what content moderation's `wechat` filter checks against.
   */
  identity: Identity;
}

/** The service acting on its own behalf (expiry of idle sessions). */
export const SYSTEM_CALLER: Caller = { transport: 'system', address: '', identity: { kind: 'anonymous', clientAddress: '' } };

/** What a caller asks to do; the one policy check in the service sees it. */
export type ChatAction = 'send' | 'receive' | 'stop' | 'destroy' | 'stream' | 'replay' | 'keepAlive' | 'feedback' | HistoryAction;

/**
 * What a caller asks of their own history: list their sessions, read one, continue one in a new
 * session. Only the owner may, and only with an identity (AUTH=wx-login or wx-cloud).
 */
export type HistoryAction = 'listSessions' | 'readHistory' | 'continue';
