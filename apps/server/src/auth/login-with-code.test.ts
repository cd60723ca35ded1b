import { startFakeWechat, type FakeWechat } from '@mpchat/testkit';
import { decodeJwt } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatError } from '../errors/chat-error.js';
import { createWechatClient } from '../wechat/wechat-client.js';
import { LoginTokens } from './login-token.js';
import { loginWithCode } from './login-with-code.js';
import { createIdentityResolver } from './resolve-identity.js';

let fake: FakeWechat;
let deps: Parameters<typeof loginWithCode>[0];
beforeEach(async () => {
  fake = await startFakeWechat();
  deps = {
    wechat: createWechatClient({ appid: fake.appid, secret: fake.secret, apiBase: fake.url, timeoutMs: 1_000 }),
    tokens: new LoginTokens({ secret: 'a-test-secret-that-is-long-enough-32b', ttlMs: 3_600_000 }),
  };
});
afterEach(() => fake.close());

describe('logging in with a wx.login code', () => {
  it('answers a token that identifies the user on later requests, without the session_key', async () => {
    fake.addLoginCode('code-1', { openid: 'o-alice', unionid: 'u-alice', sessionKey: 'SECRET-KEY' });
    const { token, expiresIn } = await loginWithCode(deps, 'code-1');
    expect(expiresIn).toBe(3600);
    expect(JSON.stringify(decodeJwt(token))).not.toContain('SECRET-KEY');
    const resolve = createIdentityResolver({ mode: 'wx-login', tokens: deps.tokens });
    expect(await resolve({ authorization: `Bearer ${token}` }, '10.0.0.1')).toEqual({ kind: 'wx', openid: 'o-alice', unionid: 'u-alice' });
  });

  it.each([
    ['unknown code', (w: FakeWechat): void => void w, 'INVALID_ARGUMENT', 400],
    ['empty code', (w: FakeWechat): void => void w, 'INVALID_ARGUMENT', 400],
    ['45011 too frequent', (w: FakeWechat) => w.failLoginCode('c', 45011), 'RATE_LIMITED', 429],
    ['40226 high-risk user', (w: FakeWechat) => w.failLoginCode('c', 40226), 'FORBIDDEN', 403],
    ['-1 busy', (w: FakeWechat) => w.failLoginCode('c', -1), 'UPSTREAM_UNAVAILABLE', 503],
    ['WeChat down', (w: FakeWechat) => w.setDown('jscode2session', true), 'UPSTREAM_UNAVAILABLE', 503],
  ] as const)('%s → %s', async (what, script, code, status) => {
    script(fake);
    const err = await loginWithCode(deps, what === 'empty code' ? '' : 'c').then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ChatError);
    expect([(err as ChatError).code, (err as ChatError).status]).toEqual([code, status]);
  });
});
