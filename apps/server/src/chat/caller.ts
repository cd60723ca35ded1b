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
   * The user's WeChat openid when the caller is identified (issue #12 replaces this with its
   * identity); content moderation's `wechat` filter needs it.
   */
  openid?: string;
}

/** The service acting on its own behalf (expiry of idle sessions). */
export const SYSTEM_CALLER: Caller = { transport: 'system', address: '' };

/** What a caller asks to do; the one policy check in the service sees it. */
export type ChatAction = 'send' | 'receive' | 'stop' | 'destroy' | 'stream' | 'replay' | 'keepAlive' | 'feedback';
