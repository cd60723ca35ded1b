import { LRUCache } from 'lru-cache';
import type { IssuedToken } from '../auth/login-token.js';
import type { LoginExchange } from '../auth/login-with-code.js';
import type { ClientLimits } from '../limits/client-limits.js';
import type { Caller } from './caller.js';
import { ChatError } from '../errors/chat-error.js';

/**
 * How long a code WeChat refused is answered from memory. A `wx.login` code is valid for 5 minutes
 * and once; a client that repeats a refused one (a retry loop, a script) gets the same answer
 * without another jscode2session call, which would spend the app's budget and can draw 45011.
 */
export const REFUSED_CODE_TTL_MS = 60_000;

/**
 * `/login` as the chat service serves it: each address may log in `LIMIT_LOGINS_PER_MINUTE` times
 * (logins come before any identity, so the key is always the address), and a code WeChat refused
 * (invalid, used, high-risk user) is refused again from memory for {@link REFUSED_CODE_TTL_MS}.
 * Transient failures (WeChat busy or unreachable, 45011) are not remembered.
 */
export class LoginGate {
  private readonly refused = new LRUCache<string, ChatError>({ max: 10_000, ttl: REFUSED_CODE_TTL_MS });

  constructor(
    private readonly exchange: LoginExchange | undefined,
    private readonly limits: ClientLimits | undefined,
  ) {}

  async login(caller: Caller, code: string, signal?: AbortSignal): Promise<IssuedToken> {
    if (!this.exchange) throw new ChatError('NOT_FOUND', '[auth] login is only served with AUTH=wx-login (NOT_FOUND)');
    await this.limits?.consume('login', `addr:${caller.address}`);
    const known = this.refused.get(code);
    if (known) throw known;
    try {
      return await this.exchange(code, signal);
    } catch (err) {
      if (err instanceof ChatError && (err.code === 'INVALID_ARGUMENT' || err.code === 'FORBIDDEN')) this.refused.set(code, err);
      throw err;
    }
  }
}
