// The SDK against servers that ask who is calling: AUTH=wx-login with the fake WeChat
// API server, and AUTH=wx-cloud through the shim's wx.cloud (the platform injects X-WX-OPENID).
import { startFakeWechat, startServer, WxShim, type FakeWechat, type KbServer } from '@mpchat/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { wxCloudAdapter } from '../src/cloud/index.js';
import { ChatClient, ChatError, webAdapter } from '../src/index.js';
import { wxClient } from './helpers.js';

const SECRET = 'sdk-test-secret-that-is-at-least-32-bytes';
let wechat: FakeWechat;
let login: KbServer;
let shortLived: KbServer;
let cloud: KbServer;
let codes = 0;

/** A shim whose wx.login codes log in as `openid` at the fake WeChat. */
function shimFor(openid: string): WxShim {
  const shim = new WxShim();
  shim.loginCode = () => {
    const code = `sdk-code-${++codes}`;
    wechat.addLoginCode(code, { openid });
    return code;
  };
  return shim;
}

const authEnv = (ttl: string) => ({ AUTH: 'wx-login', AUTH_SECRET: SECRET, AUTH_TOKEN_TTL: ttl, WX_APPID: wechat.appid, WX_SECRET: wechat.secret, WX_API_BASE: wechat.url });

beforeAll(async () => {
  wechat = await startFakeWechat();
  [login, shortLived, cloud] = await Promise.all([
    startServer({ env: authEnv('1h') }),
    // JWT times are whole seconds, so a 3 s token expires 2–3 s after it is issued: long enough for one
    // exchange on a busy machine, short enough to wait out.
    startServer({ env: authEnv('3s') }),
    startServer({ env: { AUTH: 'wx-cloud', AUTH_WX_HEADERS_TRUSTED: 'true' } }),
  ]);
}, 60_000);
afterAll(async () => {
  await Promise.all([login, shortLived, cloud].filter(Boolean).map((s) => s.stop()));
  await wechat?.close();
});

const sentWith = (shim: WxShim) => shim.requests.map((r) => r.url.replace(/^.*\/chatbot/, '').replace(/\?.*$/, ''));

describe("auth: 'wx-login'", () => {
  it('logs in with wx.login by itself, then chats over the socket with the token', async () => {
    const shim = shimFor('o-sdk-alice');
    const { client } = wxClient({ baseUrl: login.baseUrl, auth: 'wx-login', transport: 'socket' }, shim);
    const reply = await client.send('你好');
    expect(reply.status).toBe('completed');
    expect(shim.logins).toBe(1);
    expect(sentWith(shim)).toEqual(['/login', '/send']);
    expect(shim.sockets.length).toBeGreaterThanOrEqual(1);
    // A second message reuses the token: no second login.
    await client.send('OSPF');
    expect(shim.logins).toBe(1);
    await client.destroy();
  });

  it('long-polls with the token too', async () => {
    const shim = shimFor('o-sdk-poll');
    const { client } = wxClient({ baseUrl: login.baseUrl, auth: 'wx-login', transport: 'longpoll' }, shim);
    expect((await client.send('你好')).status).toBe('completed');
    await client.destroy();
  });

  it('logs in again once when the token expired, and carries on', async () => {
    const shim = shimFor('o-sdk-expiry');
    const { client } = wxClient({ baseUrl: shortLived.baseUrl, auth: 'wx-login', transport: 'longpoll' }, shim);
    await client.send('你好');
    expect(shim.logins).toBe(1);
    // Let the token expire.
    await new Promise((r) => setTimeout(r, 3_100));
    const reply = await client.send('OSPF');
    expect(reply.status).toBe('completed');
    expect(shim.logins).toBe(2);
    await client.destroy();
  });

  it('gives up with the server’s error when WeChat refuses the code (no login loop)', async () => {
    const shim = new WxShim();
    shim.loginCode = () => {
      const code = `bad-${++codes}`;
      wechat.failLoginCode(code, 40226);
      return code;
    };
    const { client } = wxClient({ baseUrl: login.baseUrl, auth: 'wx-login', transport: 'longpoll' }, shim);
    const err = await client.send('你好').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChatError);
    expect(err).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    expect(shim.logins).toBe(1);
    await client.destroy().catch(() => undefined);
  });
});

describe('auth with a token provider (web adapter)', () => {
  it('renews once after a 401 and does not loop when the new token is refused too', async () => {
    const asked: boolean[] = [];
    const client = new ChatClient({
      baseUrl: login.baseUrl,
      adapter: webAdapter({ WebSocket: WebSocket as never }),
      transport: 'longpoll',
      auth: { token: async (renew) => (asked.push(renew), 'not-a-valid-token') },
    });
    const err = await client.send('你好').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    expect(asked).toEqual([false, true]);
    await client.destroy().catch(() => undefined);
  });

  it('chats with a token the app got itself, over a socket that carries it', async () => {
    const code = `web-${++codes}`;
    wechat.addLoginCode(code, { openid: 'o-web' });
    const res = await fetch(`${login.baseUrl}/mpweixin/chatbot/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    const { data } = (await res.json()) as { data: { token: string } };
    const client = new ChatClient({
      baseUrl: login.baseUrl,
      adapter: webAdapter({ WebSocket: WebSocket as never }),
      transport: 'socket',
      auth: { token: async () => data.token },
    });
    expect((await client.send('你好')).status).toBe('completed');
    expect(client.transport).toBe('socket');
    await client.destroy();
  });
});

describe('wx-cloud (微信云托管): wxCloudAdapter over the shim’s wx.cloud', () => {
  const cloudClient = (openid: string, transport: 'longpoll' | 'socket' | 'poll', sessionId?: string) => {
    const shim = new WxShim();
    shim.cloud.containerUrl = cloud.baseUrl;
    shim.cloud.openid = openid;
    const client = new ChatClient({
      baseUrl: 'https://container.invalid',
      adapter: wxCloudAdapter({ env: 'prod-test', service: 'mpchat', wx: shim as never }),
      transport,
      retryBaseMs: 50,
      ...(sessionId ? { sessionId } : {}),
    });
    return { client, shim };
  };

  it('chats through callContainer with long-polls of at most 10 s inside its 15 s timeout', async () => {
    const { client, shim } = cloudClient('o-cloud-alice', 'longpoll');
    expect((await client.send('你好')).status).toBe('completed');
    const receives = shim.cloud.calls.filter((c) => c.path.includes('/receive'));
    expect(receives.length).toBeGreaterThan(0);
    for (const c of receives) expect(Number(/wait=(\d+)/.exec(c.path)?.[1] ?? 0)).toBeLessThanOrEqual(10);
    for (const c of shim.cloud.calls) {
      expect(c.timeout).toBeLessThanOrEqual(15_000);
      expect(c.service).toBe('mpchat');
    }
    await client.destroy();
  });

  it('streams through connectContainer, and another user cannot read the session', async () => {
    const { client } = cloudClient('o-cloud-bob', 'socket');
    expect((await client.send('你好')).status).toBe('completed');
    expect(client.transport).toBe('socket');
    const intruder = cloudClient('o-cloud-eve', 'poll', client.sessionId);
    const err = await intruder.client.send('偷看').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'SESSION_NOT_FOUND', status: 404 });
    await client.destroy();
  });
});
