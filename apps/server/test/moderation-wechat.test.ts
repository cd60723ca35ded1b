import { deleteKeys, REDIS_URL, startFakeWechat, testPrefix, type FakeWechat } from '@mpchat/testkit';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../src/chat/caller.js';
import { ChatError } from '../src/errors/chat-error.js';
import { newSessionId, post, receiveFinal, startTestServer, ts, type TestServer } from '../src/testing/test-server.js';
import { TestSocket } from '../src/testing/ws-client.js';
import { RedisSharedCache } from '../src/wechat/redis-shared-cache.js';

const BLOCKED = '抱歉，这个问题我暂时无法回答。';
const reversed = (s: string) => [...s].reverse().join('');
// The tests call the real chat service with a Caller carrying the openid, as the identity middleware
// builds it (AUTH=wx-login / wx-cloud, tested over HTTP in wx-login.test.ts); everything behind it is real.
const alice: Caller = { transport: 'http', address: '127.0.0.1', identity: { kind: 'wx', openid: 'o-alice' } };

const rejection = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (err: unknown) => (err instanceof ChatError ? err.code : err),
  );

describe('content moderation with WeChat msgSecCheck (fake WeChat over HTTP)', () => {
  let wx: FakeWechat;
  const servers: TestServer[] = [];
  const start = async (env: Record<string, string> = {}, extra: Parameters<typeof startTestServer>[0] = {}) => {
    const s = await startTestServer({
      ...extra,
      env: { MODERATION: 'wechat', WX_APPID: wx.appid, WX_SECRET: wx.secret, WX_API_BASE: wx.url, ...env },
    });
    servers.push(s);
    return s;
  };
  beforeAll(async () => {
    wx = await startFakeWechat();
    wx.addTerm('风险词', { suggest: 'risky', label: 20001 });
    wx.addTerm('待审词', { suggest: 'review', label: 21000 });
  });
  afterEach(async () => {
    wx.setDown('msg_sec_check', false);
    for (const s of servers.splice(0)) await s.close();
  });
  afterAll(async () => {
    await wx.close();
  });

  it('rejects a risky message of an identified user; lets a clean one and an anonymous one through', async () => {
    const s = await start();
    const input = (content: string) => ({ sessionId: newSessionId(), content, timestamp: ts() });
    expect(await rejection(s.app.chat.send(alice, input('这里有风险词')))).toBe('CONTENT_REJECTED');
    expect(await s.app.chat.send(alice, input('你好'))).toMatchObject({ seq: 1 });
    // No openid (no identity): msgSecCheck cannot run, so only the local list would apply.
    expect((await post(`${s.url}/mpweixin/chatbot/send`, input('这里有风险词'))).status).toBe(200);
    const checks = wx.callsTo('msg_sec_check').map((c) => (c.body as { openid: string; version: number }));
    expect(checks.every((b) => b.openid === 'o-alice' && b.version === 2)).toBe(true);
  });

  it.each([
    ['block', 'CONTENT_REJECTED'],
    ['pass', undefined],
  ])('MODERATION_WECHAT_REVIEW=%s decides a `review` answer', async (review, expected) => {
    const s = await start({ MODERATION_WECHAT_REVIEW: review });
    const r = await rejection(s.app.chat.send(alice, { sessionId: newSessionId(), content: '一个待审词', timestamp: ts() }));
    expect(r).toBe(expected);
  });

  it('blocks a reply that turns risky mid-stream: no frame or stored reply holds it', async () => {
    const s = await start();
    const sid = newSessionId();
    const sock = await TestSocket.open(s.wsUrl, sid);
    try {
      await sock.until((f) => f.some((x) => x.type === 'hello'));
      const answer = '前面的内容都正常没有问题。'.repeat(8) + '然后出现风险词。后面的内容不应出现。';
      await s.app.chat.send(alice, { sessionId: sid, content: `#reverse ${reversed(answer)}`, timestamp: ts() });
      await sock.until((f) => f.some((x) => x.type === 'reply'));
      for (const frame of sock.frames) expect(JSON.stringify(frame)).not.toMatch(/风险|后面的内容/);
      expect(answer.startsWith(sock.textOf(1))).toBe(true);
      expect(sock.of('reply')[0]).toMatchObject({ status: 'blocked', data: { content: BLOCKED } });
      expect(await s.store.getTurn(sid, 1)).toMatchObject({ status: 'blocked', reply: BLOCKED });
      // Batched: a reply of ~130 characters took few checks, not one per piece.
      expect(wx.callsTo('msg_sec_check').filter((c) => (c.body as { content: string }).content.includes('前面')).length).toBeLessThanOrEqual(4);
    } finally {
      sock.ws.terminate();
    }
  });

  it("checks a reply for its session's owner even when another instance took the message", async () => {
    const s = await start();
    const sid = newSessionId();
    // Stored as another instance would (owner recorded, nothing remembered here), then picked up by this one.
    await s.store.appendTurn({
      sessionId: sid, content: '#reverse 。答回的常正段一', timestamp: ts(), now: Date.now(), owner: 'wx:o-bob',
      maxPending: 8, maxLiveSessions: 100, maxTurns: 0,
    });
    const before = wx.callsTo('msg_sec_check').length;
    await s.app.chat.reconcile();
    expect((await receiveFinal(s.url, { sessionId: sid })).body).toMatchObject({ code: 200, data: { status: 'completed' } });
    const checks = wx.callsTo('msg_sec_check').slice(before).map((c) => c.body as { openid: string; content: string });
    expect(checks.length).toBeGreaterThan(0);
    expect(checks.every((c) => c.openid === 'o-bob')).toBe(true);
  });

  it('a reply stopped while checks are slow settles with only the released text', async () => {
    const s = await start();
    wx.setDelay('msg_sec_check', 150);
    const sid = newSessionId();
    const sock = await TestSocket.open(s.wsUrl, sid);
    try {
      await sock.until((f) => f.some((x) => x.type === 'hello'));
      await s.app.chat.send(alice, { sessionId: sid, content: '#slow 60', timestamp: ts() });
      await sock.until((f) => f.some((x) => x.type === 'delta'));
      await s.app.chat.stop(alice, sid);
      await sock.until((f) => f.some((x) => x.type === 'reply'));
      const reply = sock.of('reply')[0]!;
      expect(reply.status).toBe('stopped');
      // The reply is exactly what was released; text the engine produced meanwhile was held back.
      expect(reply.data.content).toBe(sock.textOf(1));
      expect((await s.store.getTurn(sid, 1))!.reply).toBe(reply.data.content);
    } finally {
      wx.setDelay('msg_sec_check', 0);
      sock.ws.terminate();
    }
  });

  it('WeChat down, default MODERATION_ON_ERROR: the message is accepted, its unchecked reply is blocked', async () => {
    const s = await start();
    wx.setDown('msg_sec_check', true);
    const sid = newSessionId();
    await s.app.chat.send(alice, { sessionId: sid, content: '你好', timestamp: ts() });
    const r = await receiveFinal(s.url, { sessionId: sid, after: 0 });
    expect(r.body).toMatchObject({ code: 200, data: { status: 'blocked', content: BLOCKED } });
  });

  it('WeChat down, MODERATION_ON_ERROR=allow: message and reply go through unchecked', async () => {
    const s = await start({ MODERATION_ON_ERROR: 'allow' });
    wx.setDown('msg_sec_check', true);
    const sid = newSessionId();
    await s.app.chat.send(alice, { sessionId: sid, content: '你好', timestamp: ts() });
    const r = await receiveFinal(s.url, { sessionId: sid, after: 0 });
    expect(r.body).toMatchObject({ code: 200, data: { status: 'completed', content: '答复：你好' } });
  });

  it('WeChat down, MODERATION_ON_ERROR=block: the message is rejected', async () => {
    const s = await start({ MODERATION_ON_ERROR: 'block' });
    wx.setDown('msg_sec_check', true);
    expect(await rejection(s.app.chat.send(alice, { sessionId: newSessionId(), content: '你好', timestamp: ts() }))).toBe('CONTENT_REJECTED');
  });

  it('one access-token fetch serves many checks across two Redis-backed instances', async () => {
    const own = await startFakeWechat();
    const prefix = testPrefix();
    const redis = [new Redis(REDIS_URL), new Redis(REDIS_URL)];
    try {
      const env = { WX_APPID: own.appid, WX_SECRET: own.secret, WX_API_BASE: own.url };
      const a = await start(env, { sharedCache: new RedisSharedCache(redis[0]!, prefix) });
      const b = await start(env, { sharedCache: new RedisSharedCache(redis[1]!, prefix) });
      await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).app.chat.send(alice, { sessionId: newSessionId(), content: `问题${i}`, timestamp: ts() })),
      );
      expect(own.callsTo('msg_sec_check').length).toBeGreaterThanOrEqual(10);
      expect(own.tokensIssued).toBe(1);
    } finally {
      await own.close();
      for (const r of redis) r.disconnect();
      await deleteKeys(REDIS_URL, prefix);
    }
  });
});
