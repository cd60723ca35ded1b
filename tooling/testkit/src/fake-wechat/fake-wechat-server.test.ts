import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeWechat, type FakeWechat } from './fake-wechat-server.js';

let wx: FakeWechat;
beforeEach(async () => {
  wx = await startFakeWechat();
});
afterEach(() => wx.close());

const login = (code: string) =>
  fetch(`${wx.url}/sns/jscode2session?appid=${wx.appid}&secret=${wx.secret}&js_code=${code}&grant_type=authorization_code`).then((r) => r.json());
const post = (path: string, body: unknown) =>
  fetch(`${wx.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
const token = async () =>
  ((await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: wx.appid, secret: wx.secret, force_refresh: false })) as { access_token: string })
    .access_token;

describe('fake WeChat API server', () => {
  it('answers jscode2session once per registered code, without errcode on success', async () => {
    wx.addLoginCode('c1', { openid: 'o-1', unionid: 'u-1', sessionKey: 'k' });
    expect(await login('c1')).toEqual({ openid: 'o-1', unionid: 'u-1', session_key: 'k' });
    expect(await login('c1')).toMatchObject({ errcode: 40163 });
    expect(await login('nope')).toMatchObject({ errcode: 40029 });
    wx.failLoginCode('c2', 40226);
    expect(await login('c2')).toMatchObject({ errcode: 40226 });
    expect(wx.callsTo('jscode2session')).toHaveLength(4);
  });

  it('issues one stable token until it is expired or force-refreshed', async () => {
    const a = await token();
    expect(await token()).toBe(a);
    wx.expireToken();
    const b = await token();
    expect(b).not.toBe(a);
    expect(wx.tokensIssued).toBe(2);
    expect(await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: wx.appid, secret: 'wrong' })).toMatchObject({ errcode: 40125 });
  });

  it('checks content with msg_sec_check v2: errcode 0 and result.suggest', async () => {
    wx.addTerm('坏词', { suggest: 'risky', label: 20001 });
    wx.addTerm('可疑', { suggest: 'review', label: 21000 });
    const t = await token();
    const check = (content: string, extra: object = {}) =>
      post(`/wxa/msg_sec_check?access_token=${t}`, { content, version: 2, scene: 2, openid: 'o-1', ...extra });
    expect(await check('你好')).toMatchObject({ errcode: 0, result: { suggest: 'pass', label: 100 } });
    expect(await check('这是坏词')).toMatchObject({ errcode: 0, result: { suggest: 'risky', label: 20001 } });
    expect(await check('有点可疑')).toMatchObject({ errcode: 0, result: { suggest: 'review', label: 21000 } });
    expect(await check('x', { scene: 9 })).toMatchObject({ errcode: 40129 });
    expect(await post('/wxa/msg_sec_check', { access_token: t, content: 'x', version: 2, scene: 2, openid: 'o' })).toMatchObject({ errcode: 47001 });
    wx.markInactive('o-2');
    expect(await check('x', { openid: 'o-2' })).toMatchObject({ errcode: 61010 });
    wx.expireToken(42001);
    expect(await check('x')).toMatchObject({ errcode: 42001 });
  });

  it('scripts errcodes, and cuts connections while down', async () => {
    wx.scriptErrors('stable_token', -1);
    expect(await post('/cgi-bin/stable_token', {})).toMatchObject({ errcode: -1 });
    wx.setDown('jscode2session', true);
    await expect(login('c1')).rejects.toThrow();
    expect(wx.calls.map((c) => c.api)).toEqual(['stable_token', 'jscode2session']);
  });
});
