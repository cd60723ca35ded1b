import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/config.js';
import { newSessionId, startTestServer, ts, type TestServer } from '../src/testing/test-server.js';
import { apiAs } from './auth-client.js';

// AUTH=wx-cloud reached other than through 微信云托管: a forged X-WX-OPENID must not become a user.
// The platform always adds X-WX-SOURCE (and the mini-program's X-WX-APPID) to calls it vouches for.
const APPID = 'wx0123456789abcdef';
const platform = (openid: string) => ({ 'X-WX-OPENID': openid, 'X-WX-SOURCE': 'wx_client', 'X-WX-APPID': APPID });
let s: TestServer;

beforeAll(async () => {
  s = await startTestServer({ env: { AUTH: 'wx-cloud', AUTH_WX_HEADERS_TRUSTED: 'true', WX_APPID: APPID } });
});
afterAll(async () => {
  await s.close();
});

describe('AUTH=wx-cloud: forged platform headers', () => {
  it('a bare X-WX-OPENID (no X-WX-SOURCE) cannot read the victim\'s session over HTTP or WebSocket', async () => {
    const sid = newSessionId();
    expect((await apiAs(s.url, platform('o_victimA')).send(sid, '你好', ts())).status).toBe(200);
    const forged = apiAs(s.url, { 'X-WX-OPENID': 'o_victimA' });
    expect((await forged.receive(sid)).body).toMatchObject({ code: 401, error: 'UNAUTHENTICATED', message: expect.stringContaining('X-WX-SOURCE') });
    expect(await forged.refusedUpgrade(s.wsUrl, sid)).toMatchObject({ status: 401, body: { error: 'UNAUTHENTICATED' } });
    expect((await apiAs(s.url, platform('o_victimA')).receive(sid, { wait: 5 })).body).toMatchObject({ code: 200, data: { seq: 1 } });
  });

  it('refuses an openid of the wrong shape or size with 401, never 500', async () => {
    for (const openid of ['x'.repeat(5_000), '"o_victimA"', 'o victim', '../etc']) {
      const r = await apiAs(s.url, platform(openid)).send(newSessionId(), 'hi', ts());
      expect(r.status, openid.slice(0, 20)).toBe(401);
      expect(r.body).toMatchObject({ code: 401, error: 'UNAUTHENTICATED', message: expect.stringContaining('is not an openid') });
    }
    expect(await apiAs(s.url, platform('x'.repeat(5_000))).refusedUpgrade(s.wsUrl, newSessionId())).toMatchObject({ status: 401 });
  });

  it('refuses another mini-program\'s X-WX-APPID when WX_APPID is set', async () => {
    const r = await apiAs(s.url, { ...platform('o_other'), 'X-WX-APPID': 'wx-someone-else' }).send(newSessionId(), 'hi', ts());
    expect(r.body).toMatchObject({ code: 401, message: expect.stringContaining('X-WX-APPID') });
  });
});

describe('AUTH=wx-cloud: where it may run', () => {
  it('refuses to start outside DEPLOY_TARGET=wxcloudrun unless the operator vouches for the headers', () => {
    expect(() => loadConfig({ AUTH: 'wx-cloud' })).toThrow(ConfigError);
    expect(() => loadConfig({ AUTH: 'wx-cloud' })).toThrow(/DEPLOY_TARGET=wxcloudrun.*AUTH_WX_HEADERS_TRUSTED=true/);
    expect(loadConfig({ AUTH: 'wx-cloud', DEPLOY_TARGET: 'wxcloudrun', STORE: 'mysql', MYSQL_URL: 'mysql://u:p@db:3306/mpchat' }).AUTH).toBe('wx-cloud');
    expect(loadConfig({ AUTH: 'wx-cloud', AUTH_WX_HEADERS_TRUSTED: 'true' }).AUTH).toBe('wx-cloud');
  });
});
