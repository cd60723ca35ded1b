import { ChatError } from '../errors/chat-error.js';

/**
 * WeChat answered `errcode ≠ 0` (HTTP 200, as WeChat does). Kept as the `cause` of the
 * {@link ChatError} clients see, so logs show the errcode and errmsg.
 */
export class WechatApiError extends Error {
  constructor(
    readonly api: string,
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`[wechat] ${api} answered errcode ${errcode}: ${errmsg}`);
    this.name = 'WechatApiError';
  }
}

/** errcodes that mean "the access token is stale": refresh it once and retry once. */
export const STALE_TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 42001]);

/** A call could not reach WeChat or got no usable answer (network, timeout, not JSON). */
export function unavailable(api: string, cause: unknown): ChatError {
  const timedOut = cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError');
  const why = timedOut ? 'did not answer in time' : 'is unreachable';
  return new ChatError('UPSTREAM_UNAVAILABLE', `[wechat] ${api} ${why} (UPSTREAM_UNAVAILABLE)`, { cause, retryAfterMs: 1_000 });
}

/**
 * Maps a jscode2session error to what the login request answers: 40029/40163/41008
 * bad, used or missing code → 400, 45011 too frequent → 429 (WeChat allows 100 per minute per user), 40226
 * high-risk user → 403, -1 busy → 503 retryable. Anything else (bad appid/secret: a
 * misconfigured server, not the client's fault) → 500.
 */
export function loginError(err: WechatApiError): ChatError {
  switch (err.errcode) {
    case 40029:
    case 40163:
    case 41008:
      return new ChatError('INVALID_ARGUMENT', '[wechat] the login code is invalid or already used; call wx.login again (INVALID_ARGUMENT)', {
        cause: err,
        issues: [{ location: 'body', path: 'code', message: 'code: invalid or already used login code (WeChat 40029)' }],
      });
    case 45011:
      return new ChatError('RATE_LIMITED', '[wechat] too many logins for this user; retry in a minute (RATE_LIMITED)', { cause: err, retryAfterMs: 60_000 });
    case 40226:
      return new ChatError('FORBIDDEN', '[wechat] WeChat flags this user as high-risk (FORBIDDEN)', { cause: err });
    case -1:
      return new ChatError('UPSTREAM_UNAVAILABLE', '[wechat] WeChat is busy; retry shortly (UPSTREAM_UNAVAILABLE)', { cause: err, retryAfterMs: 1_000 });
    default:
      return new ChatError('INTERNAL', `[wechat] login failed with WeChat errcode ${err.errcode} (INTERNAL)`, { cause: err });
  }
}
