import { startFakeWechat, type FakeWechat } from '@mpchat/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatError } from '../errors/chat-error.js';
import { createWechatClient, type WechatClient } from './wechat-client.js';

let fake: FakeWechat;
let wx: WechatClient;
beforeEach(async () => {
  fake = await startFakeWechat();
  wx = createWechatClient({ appid: fake.appid, secret: fake.secret, apiBase: fake.url, timeoutMs: 1_000 });
});
afterEach(() => fake.close());

async function errorOf(p: Promise<unknown>): Promise<ChatError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ChatError);
  return err as ChatError;
}

describe('code2Session', () => {
  it('exchanges a login code for the openid and unionid', async () => {
    fake.addLoginCode('c1', { openid: 'o-alice', unionid: 'u-alice', sessionKey: 'sk' });
    expect(await wx.code2Session('c1')).toEqual({ openid: 'o-alice', unionid: 'u-alice', sessionKey: 'sk' });
    expect(fake.callsTo('jscode2session')[0]!.query).toMatchObject({ appid: fake.appid, js_code: 'c1', grant_type: 'authorization_code' });
  });

  it.each([
    [40029, 'INVALID_ARGUMENT', 400, false],
    [45011, 'RATE_LIMITED', 429, true],
    [40226, 'FORBIDDEN', 403, false],
    [-1, 'UPSTREAM_UNAVAILABLE', 503, true],
  ] as const)('maps WeChat errcode %i to %s', async (errcode, code, status, retryable) => {
    fake.failLoginCode('bad', errcode);
    const err = await errorOf(wx.code2Session('bad'));
    expect([err.code, err.status, err.retryable]).toEqual([code, status, retryable]);
    expect(err.message).toMatch(/^\[wechat\] /);
  });

  it('answers 400 for a code used twice and 429 with retryAfterMs when WeChat throttles', async () => {
    fake.addLoginCode('once', { openid: 'o' });
    await wx.code2Session('once');
    expect((await errorOf(wx.code2Session('once'))).code).toBe('INVALID_ARGUMENT');
    fake.failLoginCode('fast', 45011);
    expect((await errorOf(wx.code2Session('fast'))).retryAfterMs).toBe(60_000);
  });

  it('answers 503 retryable when WeChat is down or too slow', async () => {
    fake.addLoginCode('c', { openid: 'o' });
    fake.setDown('jscode2session', true);
    expect((await errorOf(wx.code2Session('c'))).code).toBe('UPSTREAM_UNAVAILABLE');
    fake.setDown('jscode2session', false);
    fake.setDelay('jscode2session', 1_500);
    const slow = await errorOf(wx.code2Session('c'));
    expect([slow.code, slow.message]).toEqual(['UPSTREAM_UNAVAILABLE', '[wechat] jscode2session did not answer in time (UPSTREAM_UNAVAILABLE)']);
  });

  it('answers 500 when the server itself is misconfigured (wrong secret)', async () => {
    fake.addLoginCode('c', { openid: 'o' });
    const wrong = createWechatClient({ appid: fake.appid, secret: 'wrong', apiBase: fake.url });
    expect((await errorOf(wrong.code2Session('c'))).code).toBe('INTERNAL');
  });
});

describe('msgSecCheck', () => {
  it('decides on result.suggest and keeps the numeric label', async () => {
    fake.addTerm('坏词', { suggest: 'risky', label: 20001 });
    fake.addTerm('可疑', { suggest: 'review', label: 21000 });
    expect(await wx.msgSecCheck('你好', 'o-1')).toEqual({ suggest: 'pass', label: 100 });
    expect(await wx.msgSecCheck('一个坏词', 'o-1')).toEqual({ suggest: 'risky', label: 20001 });
    expect(await wx.msgSecCheck('有点可疑', 'o-1', 4)).toEqual({ suggest: 'review', label: 21000 });
    const [call] = fake.callsTo('msg_sec_check');
    expect(call!.body).toEqual({ content: '你好', version: 2, scene: 2, openid: 'o-1' });
    expect(call!.query.access_token).toMatch(/^fake-token-/);
  });

  it('fetches one token for many concurrent checks', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => wx.msgSecCheck(`text ${i}`, 'o-1')));
    expect(fake.callsTo('stable_token')).toHaveLength(1);
    expect(fake.callsTo('stable_token')[0]!.body).toEqual({ grant_type: 'client_credential', appid: fake.appid, secret: fake.secret, force_refresh: false });
  });

  it.each([40001, 42001] as const)('refreshes the token once and retries once on %i', async (errcode) => {
    await wx.msgSecCheck('a', 'o-1');
    fake.expireToken(errcode);
    expect(await wx.msgSecCheck('b', 'o-1')).toEqual({ suggest: 'pass', label: 100 });
    expect(fake.tokensIssued).toBe(2);
    expect(fake.callsTo('msg_sec_check').map((c) => (c.answer as { errcode: number }).errcode)).toEqual([0, errcode, 0]);
  });

  it('does not loop when the fresh token is refused too', async () => {
    fake.scriptErrors('msg_sec_check', 40001, 40001, 40001);
    expect((await errorOf(wx.msgSecCheck('a', 'o-1'))).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(fake.callsTo('msg_sec_check')).toHaveLength(2);
  });

  it('reports WeChat errors, outages and timeouts as UPSTREAM_UNAVAILABLE', async () => {
    fake.markInactive('o-idle');
    expect((await errorOf(wx.msgSecCheck('a', 'o-idle'))).message).toContain('61010');
    fake.setDown('stable_token', true);
    const fresh = createWechatClient({ appid: fake.appid, secret: fake.secret, apiBase: fake.url });
    expect((await errorOf(fresh.msgSecCheck('a', 'o-1'))).code).toBe('UPSTREAM_UNAVAILABLE');
    fake.setDelay('msg_sec_check', 1_500);
    expect((await errorOf(wx.msgSecCheck('a', 'o-1'))).message).toContain('did not answer in time');
  });

  it('stops when the caller aborts', async () => {
    fake.setDelay('msg_sec_check', 500);
    await expect(wx.msgSecCheck('a', 'o-1', 2, AbortSignal.abort())).rejects.toThrow();
  });
});
