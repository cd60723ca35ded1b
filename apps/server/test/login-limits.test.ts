import { startFakeWechat, type FakeWechat } from '@mpchat/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/testing/test-server.js';
import { apiAs } from './auth-client.js';

// /login goes through the chat service's door: a per-address limit of its own, and a code WeChat
// refused is not sent to jscode2session again (each call spends the app's budget; 45011 follows).
const SECRET = 'a-test-secret-that-is-at-least-32-bytes-long';
let wx: FakeWechat;
let s: TestServer;
const from = (ip: string) => apiAs(s.url, { 'X-Forwarded-For': ip });

beforeAll(async () => {
  wx = await startFakeWechat();
  s = await startTestServer({
    env: { AUTH: 'wx-login', AUTH_SECRET: SECRET, WX_APPID: wx.appid, WX_SECRET: wx.secret, WX_API_BASE: wx.url, TRUST_PROXY: 'true', LIMIT_LOGINS_PER_MINUTE: '5' },
  });
});
afterAll(async () => {
  await s.close();
  await wx.close();
});

describe('POST /login: limits', () => {
  it('refuses an address over its logins per minute with 429 before calling WeChat, and not its neighbour', async () => {
    const before = wx.callsTo('jscode2session').length;
    for (let i = 0; i < 5; i++) {
      wx.addLoginCode(`flood-${i}`, { openid: `o-flood-${i}` });
      expect((await from('10.1.0.1').login(`flood-${i}`)).status).toBe(200);
    }
    wx.addLoginCode('flood-6', { openid: 'o-flood-6' });
    const refused = await from('10.1.0.1').login('flood-6');
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 429, error: 'RATE_LIMITED', retryable: true, message: expect.stringContaining('logins per minute') });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(wx.callsTo('jscode2session').length - before).toBe(5);
    expect((await from('10.1.0.2').login('flood-6')).status).toBe(200);
  });

  it('answers a repeated refused code from memory: one jscode2session call, the same 400 each time', async () => {
    const before = wx.callsTo('jscode2session').length;
    for (let i = 0; i < 4; i++) {
      const r = await from(`10.2.0.${i}`).login('garbage');
      expect(r.body).toMatchObject({ code: 400, error: 'INVALID_ARGUMENT', issues: [expect.objectContaining({ path: 'code' })] });
    }
    expect(wx.callsTo('jscode2session').length - before).toBe(1);
  });

  it('does not remember a transient failure: the same code works once WeChat is back', async () => {
    wx.addLoginCode('later', { openid: 'o-later' });
    wx.setDown('jscode2session', true);
    try {
      expect((await from('10.3.0.1').login('later')).body).toMatchObject({ code: 503, error: 'UPSTREAM_UNAVAILABLE' });
    } finally {
      wx.setDown('jscode2session', false);
    }
    expect((await from('10.3.0.1').login('later')).status).toBe(200);
  });
});
