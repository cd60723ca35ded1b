import { ChatError } from '../errors/chat-error.js';
import { AccessTokenCache } from './access-token-cache.js';
import { MemorySharedCache, type SharedCache } from './shared-cache.js';
import { loginError, STALE_TOKEN_ERRCODES, unavailable, WechatApiError } from './wechat-errors.js';

/** WeChat's API host; tests point `WX_API_BASE` at the fake from `@mpchat/testkit`. */
export const DEFAULT_WX_API_BASE = 'https://api.weixin.qq.com';

/** Settings of {@link createWechatClient} (`WX_APPID`, `WX_SECRET`, `WX_API_BASE`). */
export interface WechatClientOptions {
  appid: string;
  secret: string;
  /** Default {@link DEFAULT_WX_API_BASE}. */
  apiBase?: string;
  /** Where the access token is shared: memory (default) or Redis across instances. */
  cache?: SharedCache;
  /** Timeout of each call to WeChat (default 5000 ms). */
  timeoutMs?: number;
}

/** What jscode2session answers. `sessionKey` must never leave the server. */
export interface WechatSession {
  openid: string;
  unionid?: string;
  sessionKey: string;
}

/** msg_sec_check scene: 1 资料, 2 评论, 3 论坛, 4 社交日志. */
export type SecCheckScene = 1 | 2 | 3 | 4;

/** msg_sec_check v2's decision (`result`): v2 answers errcode 0 even for risky text. */
export interface SecCheckResult {
  suggest: 'pass' | 'review' | 'risky';
  /** 100 normal, 10001 ads, 20001 politics, 20002 porn, 20003 abuse, 20006 crime, 20008 fraud, 20012 vulgar, 21000 other. */
  label: number;
}

/** The WeChat server APIs mpchat uses. */
export interface WechatClient {
  /** Exchanges a `wx.login` code; throws the {@link ChatError} `loginError` maps WeChat's error to. */
  code2Session(code: string, signal?: AbortSignal): Promise<WechatSession>;
  /** Checks text with msg_sec_check v2; throws `UPSTREAM_UNAVAILABLE` when WeChat cannot answer. */
  msgSecCheck(content: string, openid: string, scene?: SecCheckScene, signal?: AbortSignal): Promise<SecCheckResult>;
  /** The shared access token (exposed for other WeChat APIs and tests). */
  readonly accessToken: AccessTokenCache;
}

type Json = Record<string, unknown>;

/**
 * A client of WeChat's server API over global `fetch`, with a shared `stable_token` cache.
 *
 * @example
 * const wx = createWechatClient({ appid, secret, cache: new RedisSharedCache(redis, 'mpchat:') });
 * const { openid } = await wx.code2Session(code);
 * const { suggest } = await wx.msgSecCheck('你好', openid, 2);
 */
export function createWechatClient(options: WechatClientOptions): WechatClient {
  const base = (options.apiBase ?? DEFAULT_WX_API_BASE).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 5_000;

  async function call(api: string, path: string, init: RequestInit, signal?: AbortSignal): Promise<Json> {
    const timeout = AbortSignal.timeout(timeoutMs);
    let text: string;
    try {
      const res = await fetch(base + path, { ...init, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      // jscode2session answers text/plain: parse the text, not by content type.
      text = await res.text();
    } catch (err) {
      if (signal?.aborted) throw err;
      throw unavailable(api, err);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (err) {
      throw unavailable(api, err);
    }
    if (typeof body !== 'object' || body === null) throw unavailable(api, new Error('answer is not a JSON object'));
    const { errcode, errmsg } = body as Json;
    if (typeof errcode === 'number' && errcode !== 0) throw new WechatApiError(api, errcode, String(errmsg ?? ''));
    return body as Json;
  }

  const postJson = (api: string, path: string, body: unknown, signal?: AbortSignal) =>
    call(api, path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, signal);

  const accessToken = new AccessTokenCache({
    cache: options.cache ?? new MemorySharedCache(),
    key: `wx:token:${options.appid}`,
    fetchToken: async () => {
      try {
        const body = await postJson('stable_token', '/cgi-bin/stable_token', {
          grant_type: 'client_credential',
          appid: options.appid,
          secret: options.secret,
          force_refresh: false,
        });
        if (typeof body.access_token !== 'string' || typeof body.expires_in !== 'number') throw unavailable('stable_token', new Error('answer lacks access_token'));
        return { token: body.access_token, expiresInSec: body.expires_in };
      } catch (err) {
        if (err instanceof WechatApiError) throw unavailable('stable_token', err);
        throw err;
      }
    },
  });

  async function code2Session(code: string, signal?: AbortSignal): Promise<WechatSession> {
    const query = new URLSearchParams({ appid: options.appid, secret: options.secret, js_code: code, grant_type: 'authorization_code' });
    try {
      const body = await call('jscode2session', `/sns/jscode2session?${query}`, { method: 'GET' }, signal);
      if (typeof body.openid !== 'string' || typeof body.session_key !== 'string') throw unavailable('jscode2session', new Error('answer lacks openid'));
      return { openid: body.openid, sessionKey: body.session_key, ...(typeof body.unionid === 'string' ? { unionid: body.unionid } : {}) };
    } catch (err) {
      throw err instanceof WechatApiError ? loginError(err) : err;
    }
  }

  async function msgSecCheck(content: string, openid: string, scene: SecCheckScene = 2, signal?: AbortSignal): Promise<SecCheckResult> {
    // The token goes in the query string (in the body WeChat answers 47001); refresh once on a stale token.
    for (let attempt = 0; ; attempt++) {
      const token = await accessToken.get();
      const path = `/wxa/msg_sec_check?access_token=${encodeURIComponent(token)}`;
      try {
        const body = await postJson('msg_sec_check', path, { content, version: 2, scene, openid }, signal);
        const result = body.result as Json | undefined;
        const suggest = result?.suggest;
        if (suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky') throw unavailable('msg_sec_check', new Error('answer lacks result.suggest'));
        return { suggest, label: Number(result?.label ?? 0) };
      } catch (err) {
        if (err instanceof WechatApiError && STALE_TOKEN_ERRCODES.has(err.errcode) && attempt === 0) {
          await accessToken.invalidate(token);
          continue;
        }
        if (err instanceof WechatApiError) {
          throw new ChatError('UPSTREAM_UNAVAILABLE', `[wechat] msg_sec_check failed with errcode ${err.errcode} (UPSTREAM_UNAVAILABLE)`, { cause: err });
        }
        throw err;
      }
    }
  }

  return { code2Session, msgSecCheck, accessToken };
}
