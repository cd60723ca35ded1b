import { moderationStartupIssues } from '../moderation/moderation-startup.js';

/**
 * A problem with settings that are valid alone but not together. `path` names the variable to set
 * (the message then reads after its name); an empty path means the message names the variables itself.
 */
export interface ConfigIssue {
  path: string[];
  message: string;
}

// What AUTH=wx-login cannot start without, and a hint for each.
const AUTH_HINTS = {
  AUTH_SECRET: 'at least 32 random bytes, the same on every instance, e.g. openssl rand -base64 48',
  WX_APPID: "the mini-program's AppID",
  WX_SECRET: "the mini-program's AppSecret",
} as const;

/** The example the LLM_BASE_URL messages show. */
export const LLM_BASE_URL_EXAMPLE = 'https://api.deepseek.com/v1';

// What ENGINE=openai cannot start without, and a hint for each.
const LLM_REQUIRED = {
  LLM_BASE_URL: `e.g. ${LLM_BASE_URL_EXAMPLE}`,
  LLM_API_KEY: 'any non-empty value for a local server such as Ollama or vLLM',
  LLM_MODEL: 'e.g. deepseek-chat, qwen-plus, moonshot-v1-8k',
} as const;

/** The settings the cross-field checks look at. */
export interface CheckedSettings {
  AUTH: string;
  AUTH_WX_HEADERS_TRUSTED: boolean;
  AUTH_SECRET?: string | undefined;
  WX_APPID?: string | undefined;
  WX_SECRET?: string | undefined;
  ENGINE: string;
  LLM_BASE_URL?: string | undefined;
  LLM_API_KEY?: string | undefined;
  LLM_MODEL?: string | undefined;
  LLM_FIRST_TOKEN_TIMEOUT: number;
  LLM_TOTAL_TIMEOUT: number;
  STORE: string;
  MYSQL_URL?: string | undefined;
  DEPLOY_TARGET: string;
}

/**
 * Every cross-field check of the configuration, in the order they are reported (the first one is
 * what startup prints): moderation, identity, the engine, then the store. Each check says what to set.
 */
export function configIssues(c: CheckedSettings & Parameters<typeof moderationStartupIssues>[0]): ConfigIssue[] {
  return [...moderationStartupIssues(c), ...authIssues(c), ...engineIssues(c), ...storeIssues(c)];
}

function authIssues(c: CheckedSettings): ConfigIssue[] {
  // X-WX-OPENID is just a header: only 微信云托管's own ingress makes it trustworthy.
  if (c.AUTH === 'wx-cloud' && c.DEPLOY_TARGET !== 'wxcloudrun' && !c.AUTH_WX_HEADERS_TRUSTED) {
    return [
      {
        path: [],
        message:
          'AUTH=wx-cloud trusts X-WX-OPENID, which anyone who reaches the port can forge: set DEPLOY_TARGET=wxcloudrun (with 公网访问 off), or AUTH_WX_HEADERS_TRUSTED=true if your own gateway strips and sets X-WX-* headers',
      },
    ];
  }
  if (c.AUTH !== 'wx-login') return [];
  return (['AUTH_SECRET', 'WX_APPID', 'WX_SECRET'] as const)
    .filter((key) => !c[key])
    .map((key) => ({ path: [key], message: `is required with AUTH=wx-login (${AUTH_HINTS[key]})` }));
}

function engineIssues(c: CheckedSettings): ConfigIssue[] {
  if (c.ENGINE !== 'openai') return [];
  const issues: ConfigIssue[] = Object.entries(LLM_REQUIRED)
    .filter(([key]) => !c[key as keyof typeof LLM_REQUIRED])
    .map(([key, hint]) => ({ path: [key], message: `is required with ENGINE=openai (${hint})` }));
  if (c.LLM_TOTAL_TIMEOUT < c.LLM_FIRST_TOKEN_TIMEOUT) {
    issues.push({ path: ['LLM_TOTAL_TIMEOUT'], message: `must be at least LLM_FIRST_TOKEN_TIMEOUT (${c.LLM_FIRST_TOKEN_TIMEOUT} ms)` });
  }
  return issues;
}

function storeIssues(c: CheckedSettings): ConfigIssue[] {
  if (c.STORE === 'mysql' && !c.MYSQL_URL) {
    return [{ path: ['MYSQL_URL'], message: 'is required with STORE=mysql (mysql://user:pass@host:3306/database)' }];
  }
  // 微信云托管 containers have no persistent disk: an embedded file (or memory) loses every message on scale-in.
  if (c.DEPLOY_TARGET === 'wxcloudrun' && (c.STORE === 'sqlite' || c.STORE === 'memory')) {
    return [{ path: [], message: `STORE=${c.STORE} loses data on 微信云托管 (no persistent disk): set STORE=mysql and MYSQL_URL` }];
  }
  return [];
}
