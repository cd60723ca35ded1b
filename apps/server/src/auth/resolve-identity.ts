import { ChatError } from '../errors/chat-error.js';
import type { Identity, RequestHeaders } from './identity.js';
import type { LoginTokens } from './login-token.js';
import { wxCloudIdentity } from './wx-cloud-headers.js';

/** `AUTH`: how callers are identified. */
export type AuthMode = 'none' | 'wx-login' | 'wx-cloud';

export type { RequestHeaders } from './identity.js';

/** Options of {@link createIdentityResolver}. */
export interface IdentityResolverOptions {
  mode: AuthMode;
  /** Required for `wx-login`; optional for `wx-cloud` (the Bearer fallback). */
  tokens?: LoginTokens;
  /** `wx-cloud`: the mini-program's AppID; when set, `X-WX-APPID` must equal it. */
  appid?: string | undefined;
}

/** Resolves the caller of one HTTP request or WebSocket upgrade. */
export type IdentityResolver = (headers: RequestHeaders, clientAddress: string) => Promise<Identity>;

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

function bearerOf(headers: RequestHeaders): string | undefined {
  const value = first(headers.authorization);
  const match = value === undefined ? null : /^Bearer\s+(\S+)$/i.exec(value);
  return match?.[1];
}

const unauthenticated = (message: string) => new ChatError('UNAUTHENTICATED', `[auth] ${message} (UNAUTHENTICATED)`);

/**
 * The identity resolver for an `AUTH` mode: a function of (headers, client address) only, so the
 * HTTP routes and the WebSocket upgrade call the same one.
 * - `none`: everyone is anonymous, known by address (today's behaviour; headers are ignored).
 * - `wx-login`: `Authorization: Bearer <login token>` is required.
 * - `wx-cloud`: 微信云托管 injects `X-WX-OPENID` (and `X-WX-UNIONID`, `X-WX-SOURCE`, `X-WX-APPID`);
 *   they are read in this mode only, and checked by {@link wxCloudIdentity}. A Bearer token is the fallback for sockets that arrive without it
 *   (`connectContainer` in iOS 高性能+ mode carries no openid).
 *
 * @example
 * const resolve = createIdentityResolver({ mode: 'wx-login', tokens });
 * const identity = await resolve(ctx.headers, ctx.ip); // or ChatError 401
 */
export function createIdentityResolver(options: IdentityResolverOptions): IdentityResolver {
  const { mode, tokens } = options;
  if (mode === 'wx-login' && !tokens) throw new Error('[auth] AUTH=wx-login needs AUTH_SECRET for login tokens');

  async function fromBearer(headers: RequestHeaders): Promise<Identity | undefined> {
    const token = bearerOf(headers);
    if (token === undefined || !tokens) return undefined;
    return { kind: 'wx', ...(await tokens.verify(token)) };
  }

  return async (headers, clientAddress) => {
    if (mode === 'none') return { kind: 'anonymous', clientAddress };
    if (mode === 'wx-cloud') {
      const cloud = wxCloudIdentity(headers, options.appid);
      if (cloud) return cloud;
      const identity = await fromBearer(headers);
      if (identity) return identity;
      throw unauthenticated('missing X-WX-OPENID: call through wx.cloud.callContainer / connectContainer');
    }
    if (first(headers.authorization) === undefined) throw unauthenticated('missing Authorization: Bearer <token>; log in first');
    const identity = await fromBearer(headers);
    if (!identity) throw unauthenticated('Authorization must be "Bearer <token>"');
    return identity;
  };
}
