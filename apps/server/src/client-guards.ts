import { createIdentityResolver, type IdentityResolver } from './auth/resolve-identity.js';
import { LoginTokens } from './auth/login-token.js';
import { loginWithCode, type LoginExchange } from './auth/login-with-code.js';
import type { Config } from './config/config.js';
import { createClientLimits, type ClientLimits } from './limits/client-limits.js';
import type { LimitStore } from './ports/limit-store.js';
import type { ClientLimitSettings, LimitProfile } from './limits/limit-profiles.js';
import { clientLimitsFrom } from './limits/limit-settings.js';
import { createWechatClient } from './wechat/wechat-client.js';

/**
 * No single client may hold more than this share of `MAX_LIVE_SESSIONS`: one abuser
 * can then take a quarter of the server at most, and the other three quarters stay for everyone else.
 */
export const LIVE_SESSION_SHARE = 0.25;

/** Who is asking and how much they may do: built once from the configuration for both transports. */
export interface ClientGuards {
  identify: IdentityResolver;
  /** The `/login` code exchange; only with `AUTH=wx-login`. */
  login: LoginExchange | undefined;
  limits: ClientLimits;
}

/** The settings {@link buildClientGuards} reads. */
export type GuardSettings = Pick<
  Config,
  | 'AUTH'
  | 'AUTH_SECRET'
  | 'AUTH_SECRET_PREVIOUS'
  | 'AUTH_TOKEN_TTL'
  | 'WX_APPID'
  | 'WX_SECRET'
  | 'WX_API_BASE'
  | 'MAX_LIVE_SESSIONS'
  | 'LIMIT_SESSIONS_PER_MINUTE'
  | 'LIMIT_LIVE_SESSIONS'
  | 'LIMIT_SOCKETS'
  | 'LIMIT_MESSAGES_PER_MINUTE'
  | 'LIMIT_MESSAGES_PER_DAY'
  | 'LIMIT_ADDRESS_FACTOR'
  | 'LIMIT_LOGINS_PER_MINUTE'
>;

/**
 * Builds the identity resolver (`AUTH`), the login exchange (`AUTH=wx-login`: WeChat's
 * jscode2session at `WX_API_BASE`, our own tokens signed with `AUTH_SECRET`) and the per-client
 * limits on `store` (Redis when the adapters share state between instances).
 *
 * @example
 * const guards = buildClientGuards(config, adapters.limitStore ?? { kind: 'memory' });
 */
export function buildClientGuards(config: GuardSettings, store: LimitStore): ClientGuards {
  const previous = config.AUTH_SECRET_PREVIOUS ? { previousSecret: config.AUTH_SECRET_PREVIOUS } : {};
  const tokens = config.AUTH_SECRET ? new LoginTokens({ secret: config.AUTH_SECRET, ttlMs: config.AUTH_TOKEN_TTL, ...previous }) : undefined;
  const identify = createIdentityResolver({ mode: config.AUTH, appid: config.WX_APPID, ...(tokens ? { tokens } : {}) });
  let login: LoginExchange | undefined;
  if (config.AUTH === 'wx-login' && tokens && config.WX_APPID && config.WX_SECRET) {
    const wechat = createWechatClient({ appid: config.WX_APPID, secret: config.WX_SECRET, apiBase: config.WX_API_BASE });
    login = (code, signal) => loginWithCode({ wechat, tokens }, code, signal);
  }
  const limits = createClientLimits({ store, limits: withLiveShare(clientLimitsFrom(config), config.MAX_LIVE_SESSIONS) });
  return { identify, login, limits };
}

/**
 * Caps each profile's live sessions at {@link LIVE_SESSION_SHARE} of the global ceiling (at least
 * 1). `LIMIT_LIVE_SESSIONS=0` turns the per-client limit off, the share included.
 */
export function withLiveShare(settings: ClientLimitSettings, maxLiveSessions: number): ClientLimitSettings {
  const share = Math.max(1, Math.floor(maxLiveSessions * LIVE_SESSION_SHARE));
  const cap = (p: LimitProfile): LimitProfile => ({ ...p, liveSessions: p.liveSessions === 0 ? 0 : Math.min(p.liveSessions, share) });
  return { user: cap(settings.user), address: cap(settings.address) };
}
