import { startFakeWechat, type FakeWechat } from '@mpchat/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginTokens } from '../src/auth/login-token.js';
import { newSessionId, startTestServer, ts, type TestServer } from '../src/testing/test-server.js';
import { apiAs } from './auth-client.js';

// AUTH=wx-login against the fake WeChat API server (real HTTP): login, every WeChat error, tokens
// on HTTP and on the WebSocket upgrade, and sessions that belong to the user who opened them.
const SECRET = 'a-test-secret-that-is-at-least-32-bytes-long';
let wx: FakeWechat;
let s: TestServer;
let codes = 0;

/** Logs `openid` in through the fake and answers its token. */
async function loginAs(openid: string): Promise<string> {
  const code = `code-${++codes}`;
  wx.addLoginCode(code, { openid });
  const r = await apiAs(s.url).login(code);
  expect(r.body.code).toBe(200);
  return r.body.data.token as string;
}
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  wx = await startFakeWechat();
  s = await startTestServer({
    env: { AUTH: 'wx-login', AUTH_SECRET: SECRET, AUTH_TOKEN_TTL: '1h', WX_APPID: wx.appid, WX_SECRET: wx.secret, WX_API_BASE: wx.url },
  });
});
afterAll(async () => {
  await s.close();
  await wx.close();
});

describe('POST /mpweixin/chatbot/login (AUTH=wx-login)', () => {
  it('exchanges a wx.login code for a token carrying the openid, never the session_key', async () => {
    wx.addLoginCode('good', { openid: 'o-alice', unionid: 'u-alice', sessionKey: 'SECRET-SESSION-KEY' });
    const r = await apiAs(s.url).login('good');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ code: 200, message: 'logged in', data: { token: expect.any(String), expiresIn: 3600 } });
    expect(JSON.stringify(r.body)).not.toContain('SECRET-SESSION-KEY');
    const claims = await new LoginTokens({ secret: SECRET, ttlMs: 3_600_000 }).verify(r.body.data.token);
    expect(claims).toEqual({ openid: 'o-alice', unionid: 'u-alice' });
    expect(wx.callsTo('jscode2session').at(-1)!.query).toMatchObject({ appid: wx.appid, js_code: 'good', grant_type: 'authorization_code' });
  });

  it.each([
    ['an unknown code (40029)', 'unknown-code', undefined, 400, 'INVALID_ARGUMENT', false],
    ['too many logins (45011)', 'freq', 45011, 429, 'RATE_LIMITED', true],
    ['a high-risk user (40226)', 'risky', 40226, 403, 'FORBIDDEN', false],
    ['WeChat busy (-1)', 'busy', -1, 503, 'UPSTREAM_UNAVAILABLE', true],
  ] as const)('answers %s with %i %s', async (_what, code, errcode, status, error, retryable) => {
    if (errcode !== undefined) wx.failLoginCode(code, errcode);
    const r = await apiAs(s.url).login(code);
    expect(r.status).toBe(status);
    expect(r.body).toMatchObject({ code: status, error, retryable, data: {} });
    expect(r.body.message).toMatch(/^\[wechat\]/);
    if (status === 429) expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    if (status === 400) expect(r.body.issues).toEqual([expect.objectContaining({ location: 'body', path: 'code' })]);
  });

  it('answers a code used twice with 400 (a code logs in once)', async () => {
    wx.addLoginCode('once', { openid: 'o-once' });
    expect((await apiAs(s.url).login('once')).status).toBe(200);
    expect((await apiAs(s.url).login('once')).body).toMatchObject({ code: 400, error: 'INVALID_ARGUMENT' });
  });

  it('answers 503 UPSTREAM_UNAVAILABLE when WeChat is unreachable', async () => {
    wx.addLoginCode('down', { openid: 'o-down' });
    wx.setDown('jscode2session', true);
    try {
      const r = await apiAs(s.url).login('down');
      expect(r.body).toMatchObject({ code: 503, error: 'UPSTREAM_UNAVAILABLE', retryable: true });
      expect(r.headers.get('retry-after')).toBe('1');
    } finally {
      wx.setDown('jscode2session', false);
    }
  });

  it.each([
    ['no code', undefined],
    ['an empty code', ''],
    ['a number', 42],
  ])('answers %s with 400 naming the field', async (_what, code) => {
    const r = await apiAs(s.url).login(code);
    expect(r.body).toMatchObject({ code: 400, error: 'INVALID_ARGUMENT', issues: [expect.objectContaining({ location: 'body', path: 'code' })] });
  });
});

describe('tokens on every request (AUTH=wx-login)', () => {
  const expired = () => new LoginTokens({ secret: SECRET, ttlMs: 60_000, now: () => Date.now() - 3_600_000 }).issue({ openid: 'o-alice' });
  const forged = () => new LoginTokens({ secret: 'another-secret-that-is-at-least-32-bytes', ttlMs: 60_000 }).issue({ openid: 'o-alice' });

  it.each([
    ['no Authorization header', async () => ({}), /missing Authorization/],
    ['a token that is not Bearer', async () => ({ Authorization: 'Basic abc' }), /Bearer/],
    ['an expired token', async () => bearer((await expired()).token), /expired/],
    ['a token signed with another secret', async () => bearer((await forged()).token), /invalid/],
  ])('answers %s with 401 UNAUTHENTICATED on HTTP and on the socket', async (_what, headers, message) => {
    const client = apiAs(s.url, await headers());
    const sid = newSessionId();
    const answers = [await client.send(sid, '你好', ts()), await client.receive(sid), await client.stop(sid), await client.destroy(sid)];
    answers.push(await client.feedback(sid, 1, 'up'), await client.welcome());
    for (const r of answers) {
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ code: 401, error: 'UNAUTHENTICATED', retryable: false, data: {} });
      expect(r.body.message).toMatch(message);
    }
    const refusal = await client.refusedUpgrade(s.wsUrl, sid);
    expect(refusal).toMatchObject({ status: 401, body: { code: 401, error: 'UNAUTHENTICATED' } });
  });

  it('keeps health and the login endpoint open without a token', async () => {
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    expect((await apiAs(s.url).login('nobody-knows-this-code')).status).toBe(400);
  });
});

describe('a session belongs to the user who opened it', () => {
  it('answers another user 404 SESSION_NOT_FOUND on receive, send, stop, destroy and the socket', async () => {
    const alice = apiAs(s.url, bearer(await loginAs('o-alice')));
    const bob = apiAs(s.url, bearer(await loginAs('o-bob')));
    const sid = newSessionId();
    expect((await alice.send(sid, '#slow 200', ts(0))).body.data).toEqual({ seq: 1 });
    const notFound = { code: 404, error: 'SESSION_NOT_FOUND', data: {} };
    expect((await bob.receive(sid)).body).toMatchObject(notFound);
    expect((await bob.send(sid, '偷看', ts(1))).body).toMatchObject(notFound);
    expect((await bob.stop(sid)).body).toMatchObject(notFound);
    expect((await bob.destroy(sid)).body).toMatchObject(notFound);
    expect(await bob.refusedUpgrade(s.wsUrl, sid)).toMatchObject({ status: 404, body: notFound });
    // Bob's attempts changed nothing: Alice's reply is still being generated, and hers to stop.
    expect((await alice.receive(sid)).body.code).toBe(100);
    const sock = await alice.socket(s.wsUrl, sid);
    await sock.until((f) => f.some((x) => x.type === 'hello'));
    sock.close();
    expect((await alice.stop(sid)).body.data).toEqual({ stopped: true, seq: 1 });
    expect((await alice.destroy(sid)).body).toMatchObject({ code: 200, message: 'session closed' });
  });

  it('a socket opened early on an id claims it: another user cannot then open that session, and the socket hears nothing', async () => {
    const alice = apiAs(s.url, bearer(await loginAs('o-alice')));
    const bob = apiAs(s.url, bearer(await loginAs('o-bob')));
    const sid = newSessionId();
    const early = await bob.socket(s.wsUrl, sid);
    await early.until((f) => f.some((x) => x.type === 'hello'));
    expect((await alice.send(sid, '你好', ts(0))).body).toMatchObject({ code: 404, error: 'SESSION_NOT_FOUND' });
    early.send({ type: 'ping', t: 1 });
    await early.until((f) => f.some((x) => x.type === 'pong'));
    expect(early.frames.map((f) => f.type)).toEqual(['hello', 'pong']);
    early.close();
  });

  // Before its first message a session had no owner: anyone who learnt its id could open a socket
  // on it (displacing the owner's, 4000) or destroy it (closing the owner's socket, 4410).
  it("keeps another user away from a session between its owner's socket and first message", async () => {
    const alice = apiAs(s.url, bearer(await loginAs('o-alice')));
    const bob = apiAs(s.url, bearer(await loginAs('o-bob')));
    const sid = newSessionId();
    const mine = await alice.socket(s.wsUrl, sid);
    await mine.until((f) => f.some((x) => x.type === 'hello'));
    const notFound = { code: 404, error: 'SESSION_NOT_FOUND', data: {} };
    expect(await bob.refusedUpgrade(s.wsUrl, sid)).toMatchObject({ status: 404, body: notFound });
    expect((await bob.destroy(sid)).body).toMatchObject(notFound);
    expect((await bob.receive(sid)).body).toMatchObject(notFound);
    expect((await bob.stop(sid)).body).toMatchObject(notFound);
    expect((await bob.send(sid, '抢先', ts(0))).body).toMatchObject(notFound);
    // Alice's socket is still hers: her first message is answered on it.
    expect((await alice.send(sid, '你好', ts(1))).body.data).toEqual({ seq: 1 });
    await mine.until((f) => f.some((x) => x.type === 'reply'));
    expect(mine.closed).toBeUndefined();
    mine.close();
  });

  it('the first send claims a new id as well: a socket of another user opened after it is refused', async () => {
    const alice = apiAs(s.url, bearer(await loginAs('o-alice')));
    const bob = apiAs(s.url, bearer(await loginAs('o-bob')));
    const sid = newSessionId();
    expect((await alice.send(sid, '你好', ts(0))).body.data).toEqual({ seq: 1 });
    expect(await bob.refusedUpgrade(s.wsUrl, sid)).toMatchObject({ status: 404 });
  });

  it('the same user keeps the session after logging in again (a new token, the same openid)', async () => {
    const first = apiAs(s.url, bearer(await loginAs('o-carol')));
    const sid = newSessionId();
    await first.send(sid, '你好', ts(0));
    const again = apiAs(s.url, bearer(await loginAs('o-carol')));
    expect((await again.receive(sid, { wait: 5 })).body).toMatchObject({ code: 200, data: { seq: 1 } });
  });
});

describe('AUTH=none (the default)', () => {
  it('answers /login with 404 NOT_FOUND and keeps sessions open to anyone who knows the id', async () => {
    const plain = await startTestServer();
    try {
      const r = await apiAs(plain.url).login('whatever');
      expect(r.body).toMatchObject({ code: 404, error: 'NOT_FOUND' });
      expect(r.body.message).toMatch(/AUTH=wx-login/);
      const sid = newSessionId();
      await apiAs(plain.url).send(sid, '你好', ts(0));
      // A phone that changed networks (another address) still reads its conversation.
      const moved = apiAs(plain.url, { 'X-Forwarded-For': '10.9.9.9', 'X-WX-OPENID': 'o-spoofed' });
      expect((await moved.receive(sid, { wait: 5 })).body).toMatchObject({ code: 200, data: { seq: 1 } });
    } finally {
      await plain.close();
    }
  });
});

describe('AUTH=wx-cloud (微信云托管 injects X-WX-OPENID)', () => {
  it('refuses requests without the trusted header and keeps sessions per openid', async () => {
    const cloud = await startTestServer({ env: { AUTH: 'wx-cloud', AUTH_WX_HEADERS_TRUSTED: 'true' } });
    try {
      const sid = newSessionId();
      const none = apiAs(cloud.url);
      expect((await none.send(sid, '你好', ts())).body).toMatchObject({ code: 401, error: 'UNAUTHENTICATED', message: expect.stringMatching(/X-WX-OPENID/) });
      expect(await none.refusedUpgrade(cloud.wsUrl, sid)).toMatchObject({ status: 401 });
      const alice = apiAs(cloud.url, { 'X-WX-OPENID': 'o-alice', 'X-WX-SOURCE': 'wx_client' });
      expect((await alice.send(sid, '你好', ts())).status).toBe(200);
      expect((await apiAs(cloud.url, { 'X-WX-OPENID': 'o-bob', 'X-WX-SOURCE': 'wx_client' }).receive(sid)).body).toMatchObject({ code: 404, error: 'SESSION_NOT_FOUND' });
      expect((await alice.receive(sid, { wait: 5 })).body).toMatchObject({ code: 200, data: { seq: 1 } });
    } finally {
      await cloud.close();
    }
  });
});
