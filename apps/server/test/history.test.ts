import { startFakeWechat, deleteKeys, REDIS_URL, testPrefix, type FakeWechat } from '@mpchat/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisConnection, waitUntilReady } from '../src/adapters/redis/redis-connection.js';
import { RedisStore } from '../src/adapters/redis/redis-store.js';
import type { ChatStore } from '../src/ports/store.js';
import { ScriptedEngine } from '../src/testing/scripted-engine.js';
import { newSessionId, startTestServer, ts, type TestServer } from '../src/testing/test-server.js';
import { TestSocket } from '../src/testing/ws-client.js';
import { apiAs } from './auth-client.js';
import { STORES } from './stores.js';

// A student's own history on a real server (AUTH=wx-login against the fake WeChat API): the list of
// their sessions, reading one (closed ones too), continuing one in a new session, on every store.
const SECRET = 'a-test-secret-that-is-at-least-32-bytes-long';
const prefix = testPrefix();
afterAll(() => deleteKeys(REDIS_URL, prefix));

async function redisStore(): Promise<ChatStore> {
  const client = createRedisConnection(REDIS_URL, 'command');
  await waitUntilReady(client, 5_000);
  return new RedisStore(client, prefix);
}

describe.each([...STORES, ['redis', redisStore] as const])('history on %s', (_name, makeStore) => {
  let wx: FakeWechat;
  let s: TestServer;
  let engine: ScriptedEngine;
  let codes = 0;

  /** The API as `openid`, logged in through the fake WeChat. */
  async function as(openid: string) {
    const code = `code-${++codes}`;
    wx.addLoginCode(code, { openid });
    const token = (await apiAs(s.url).login(code)).body.data.token as string;
    return apiAs(s.url, { Authorization: `Bearer ${token}` });
  }
  type Api = Awaited<ReturnType<typeof as>>;
  /** Sends and waits for the reply. */
  async function ask(api: Api, sid: string, content: string, at: number) {
    expect((await api.send(sid, content, ts(at))).status).toBe(200);
    expect((await api.receive(sid, { wait: 10 })).body.code).toBe(200);
  }

  beforeAll(async () => {
    wx = await startFakeWechat();
    engine = new ScriptedEngine();
    s = await startTestServer({
      store: await makeStore(),
      engine,
      env: {
        AUTH: 'wx-login', AUTH_SECRET: SECRET, WX_APPID: wx.appid, WX_SECRET: wx.secret, WX_API_BASE: wx.url,
        LIMIT_MESSAGES_PER_MINUTE: '0', LIMIT_SESSIONS_PER_MINUTE: '0', LIMIT_LIVE_SESSIONS: '0',
      },
    });
  });
  afterAll(async () => {
    await s.close();
    await wx.close();
  });

  it("lists each user's own sessions, newest activity first, and never another user's", async () => {
    const alice = await as(`o-alice-${codes}`);
    const bob = await as(`o-bob-${codes}`);
    const [a1, a2, b1] = [newSessionId(), newSessionId(), newSessionId()];
    await ask(alice, a1, '  OSPF 的区域\n怎么划分？  ', 0);
    await ask(bob, b1, 'BGP 邻居建立不起来', 1);
    const long = '请问BGP协议实验ping不通怎么办?我已经检查了邻居、AS 号和 network 宣告，还是不行，下一步该查什么？';
    await ask(alice, a2, long, 2);
    const mine = await alice.sessions();
    expect(mine.status).toBe(200);
    expect(mine.body.data.nextCursor).toBeNull();
    expect(mine.body.data.items).toEqual([
      { sessionId: a2, title: '请问BGP协议实验ping不通怎么办?我已经检查了邻居、AS 号和 networ…', createdAt: expect.any(String), lastActiveAt: expect.any(String), turns: 1, status: 'open' },
      { sessionId: a1, title: 'OSPF 的区域 怎么划分？', createdAt: expect.any(String), lastActiveAt: expect.any(String), turns: 1, status: 'open' },
    ]);
    expect(Date.parse(mine.body.data.items[0].lastActiveAt)).toBeGreaterThan(Date.now() - 60_000);
    // More activity in a1 moves it first.
    await ask(alice, a1, '那 stub 区域呢？', 3);
    expect((await alice.sessions()).body.data.items.map((x: { sessionId: string }) => x.sessionId)).toEqual([a1, a2]);
    expect((await bob.sessions()).body.data.items.map((x: { sessionId: string }) => x.sessionId)).toEqual([b1]);
    expect((await (await as('o-nobody')).sessions()).body.data).toEqual({ items: [], nextCursor: null });
  });

  it('pages the list by cursor, 20 a page, without skipping or repeating a session', async () => {
    const carol = await as(`o-carol-${codes}`);
    const ids = Array.from({ length: 23 }, () => newSessionId());
    for (const [i, sid] of ids.entries()) expect((await carol.send(sid, `问题 ${i}`, ts(i))).status).toBe(200);
    const first = await carol.sessions();
    expect(first.body.data.items).toHaveLength(20);
    expect(first.body.data.nextCursor).toEqual(expect.any(String));
    const second = await carol.sessions({ cursor: first.body.data.nextCursor });
    expect(second.body.data.nextCursor).toBeNull();
    const seen = [...first.body.data.items, ...second.body.data.items].map((x: { sessionId: string }) => x.sessionId);
    expect(new Set(seen)).toEqual(new Set(ids));
    expect(seen).toHaveLength(23);
  });

  it('reads a closed session to its owner, every turn in order; 404 SESSION_NOT_FOUND to anyone else', async () => {
    const alice = await as(`o-alice-${codes}`);
    const mallory = await as(`o-mallory-${codes}`);
    const sid = newSessionId();
    await ask(alice, sid, '#sources 第一问', 0);
    await ask(alice, sid, '第二问', 1);
    expect((await alice.destroy(sid)).body.code).toBe(200);
    const h = await alice.history(sid);
    expect(h.body).toEqual({
      code: 200,
      message: 'ok',
      data: {
        session: expect.objectContaining({ sessionId: sid, title: '#sources 第一问', turns: 2, status: 'closed' }),
        items: [
          { seq: 1, content: '#sources 第一问', timestamp: ts(0), reply: '答复：#sources 第一问', replyTimestamp: expect.any(String), status: 'completed', sources: [{ title: 'BGP实验ping不通怎么办' }] },
          { seq: 2, content: '第二问', timestamp: ts(1), reply: '答复：第二问', replyTimestamp: expect.any(String), status: 'completed', sources: [] },
        ],
        nextCursor: null,
      },
    });
    expect((await alice.sessions()).body.data.items).toContainEqual(expect.objectContaining({ sessionId: sid, status: 'closed' }));
    for (const r of [await mallory.history(sid), await mallory.history(newSessionId())]) {
      expect(r.status).toBe(404);
      expect(r.body).toMatchObject({ code: 404, error: 'SESSION_NOT_FOUND', data: {} });
    }
    expect((await mallory.sessions()).body.data.items).toEqual([]);
  });

  // 52 questions answered one after the other: more than the default 5 s on a busy machine.
  it('pages a long conversation 50 turns at a time', { timeout: 60_000 }, async () => {
    const dave = await as(`o-dave-${codes}`);
    const sid = newSessionId();
    for (let i = 1; i <= 52; i++) await ask(dave, sid, `第${i}问`, i);
    const first = await dave.history(sid);
    expect(first.body.data.items.map((t: { seq: number }) => t.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(first.body.data.nextCursor).toBe('50');
    const rest = await dave.history(sid, { cursor: first.body.data.nextCursor });
    expect(rest.body.data.items.map((t: { content: string }) => t.content)).toEqual(['第51问', '第52问']);
    expect(rest.body.data).toMatchObject({ nextCursor: null, session: { title: '第1问', turns: 52 } });
  });

  it('continues a closed session: the engine of the new one remembers its last turns', async () => {
    const alice = await as(`o-alice-${codes}`);
    const [old, next] = [newSessionId(), newSessionId()];
    await ask(alice, old, 'OSPF 的区域怎么划分？', 0);
    await ask(alice, old, '那 stub 区域呢？', 1);
    await alice.destroy(old);
    expect((await alice.continueIn(next, old, '再讲讲 NSSA', ts(2))).body.data).toEqual({ seq: 1 });
    expect((await alice.receive(next, { wait: 10 })).body.code).toBe(200);
    const call = engine.calls.findLast((c) => c.input.sessionId === next)!;
    expect(call.input.history).toEqual([
      { user: '那 stub 区域呢？', assistant: '答复：那 stub 区域呢？' },
      { user: 'OSPF 的区域怎么划分？', assistant: '答复：OSPF 的区域怎么划分？' },
    ]);
    // The new session's own turns come first; the old one fills the rest of the memory.
    await ask(alice, next, '还有呢', 3);
    expect(engine.calls.findLast((c) => c.input.sessionId === next)!.input.history.map((h) => h.user)).toEqual(['再讲讲 NSSA', '那 stub 区域呢？', 'OSPF 的区域怎么划分？']);
    // The old session is unchanged and still closed; the new one is listed first.
    expect((await alice.history(old)).body.data.items).toHaveLength(2);
    expect((await alice.sessions()).body.data.items[0]).toMatchObject({ sessionId: next, title: '再讲讲 NSSA', turns: 2, status: 'open' });
  });

  it("refuses to continue another user's session, over HTTP and over the socket, storing nothing", async () => {
    const alice = await as(`o-alice-${codes}`);
    const mallory = await as(`o-mallory-${codes}`);
    const old = newSessionId();
    await ask(alice, old, '我的实验报告', 0);
    const next = newSessionId();
    const r = await mallory.continueIn(next, old, '她问了什么？', ts(1));
    expect(r.body).toMatchObject({ code: 404, error: 'SESSION_NOT_FOUND', message: 'continueFrom: no conversation of yours has this id' });
    const sock = await mallory.socket(s.wsUrl, next);
    try {
      await sock.until((f) => f.some((x) => x.type === 'hello'));
      sock.send({ type: 'send', content: '她问了什么？', timestamp: ts(2), clientMsgId: newSessionId(), continueFrom: old });
      await sock.until((f) => f.some((x) => x.type === 'error'));
      expect(sock.of('error')[0]).toMatchObject({ error: 'SESSION_NOT_FOUND', message: 'continueFrom: no conversation of yours has this id' });
    } finally {
      sock.close();
    }
    expect((await mallory.sessions()).body.data.items).toEqual([]);
    expect(engine.calls.some((c) => c.input.message === '她问了什么？')).toBe(false);
  });

  it('answers a bad cursor, session id or continueFrom with 400 naming the field and where it was', async () => {
    const alice = await as(`o-alice-${codes}`);
    for (const [r, location, path] of [
      [await alice.sessions({ cursor: 'not-a-cursor' }), 'query', 'cursor'],
      [await alice.sessions({ cursor: `1_${newSessionId().toUpperCase()}` }), 'query', 'cursor'],
      [await alice.history(newSessionId(), { cursor: '-1' }), 'query', 'cursor'],
      [await alice.history('not-a-uuid'), 'query', 'sessionId'],
      [await alice.continueIn(newSessionId(), 'not-a-uuid', '继续', ts(0)), 'body', 'continueFrom'],
    ] as const) {
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ error: 'INVALID_ARGUMENT', data: {}, issues: [expect.objectContaining({ location, path })] });
    }
  });
});

describe('history under AUTH=none', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('does not exist: the list, the transcript and continueFrom answer 404 NOT_FOUND', async () => {
    const api = apiAs(s.url);
    const old = newSessionId();
    expect((await api.send(old, '你好', ts(0))).status).toBe(200);
    for (const r of [await api.sessions(), await api.history(old), await api.continueIn(newSessionId(), old, '继续', ts(1))]) {
      expect(r.status).toBe(404);
      expect(r.body).toMatchObject({ code: 404, error: 'NOT_FOUND', message: expect.stringContaining('AUTH=wx-login or wx-cloud') });
    }
  });
});
