import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '@mpchat/testkit';
import { pseudonymOf } from '../src/auth/pseudonym.js';
import { newSessionId, post, receiveFinal, startTestServer, ts, type TestServer } from '../src/testing/test-server.js';
import { apiAs } from './auth-client.js';
import { STORES } from './stores.js';

const ADMIN = 'teacher-wang-token-0123';
const KEY = 'pseudonym-key-for-tests-0001';
const admin = { Authorization: `Bearer ${ADMIN}` };
const forget = (url: string, headers: Record<string, string>) =>
  fetch(`${url}/mpweixin/chatbot/forget`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{}' }).then(async (r) => ({
    status: r.status,
    body: (await r.json()) as Record<string, any>,
  }));
const deleteStudent = (url: string, pseudonym: string, headers = admin) =>
  fetch(`${url}/admin/students/${pseudonym}`, { method: 'DELETE', headers }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, any> }));

describe.each(STORES)('the right to be forgotten (%s store)', (_name, makeStore) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ store: await makeStore(), env: { AUTH: 'wx-cloud', AUTH_WX_HEADERS_TRUSTED: 'true', ADMIN_TOKENS: `wang:${ADMIN}`, PSEUDONYM_KEY: KEY } });
  });
  afterAll(() => s.close());

  /** A user with two conversations, one rated and one destroyed. */
  async function chatAs(openid: string) {
    const user = apiAs(s.url, { 'X-WX-OPENID': openid, 'X-WX-SOURCE': 'wx_client' });
    const [a, b] = [newSessionId(), newSessionId()];
    await user.send(a, '请问BGP协议实验ping不通怎么办?', ts(0));
    await user.receive(a, { wait: 5 });
    await post(`${s.url}/mpweixin/chatbot/feedback`, { sessionId: a, seq: 1, rating: 'down' }, { 'X-WX-OPENID': openid, 'X-WX-SOURCE': 'wx_client' });
    await user.send(b, 'OSPF 邻居起不来', ts(1));
    await user.receive(b, { wait: 5 });
    await user.destroy(b);
    return { user, a, b };
  }

  it('stores only a keyed pseudonym of the owner for teachers, never the openid', async () => {
    const { a } = await chatAs('o-pseudonym-check');
    const session = await s.store.getSession(a);
    expect(session?.student).toBe(pseudonymOf(KEY, 'wx:o-pseudonym-check'));
    expect(session?.student).not.toContain('o-pseudonym-check');
  });

  it('POST /forget deletes every session, turn and rating of the caller and nobody else', async () => {
    const me = await chatAs('o-forget-me');
    const other = await chatAs('o-keep-me');
    const r = await forget(s.url, { 'X-WX-OPENID': 'o-forget-me', 'X-WX-SOURCE': 'wx_client' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ code: 200, data: { sessions: 2, turns: 2, feedback: 1, moderation: 0 } });
    expect(await s.store.getSession(me.a)).toBeUndefined();
    expect(await s.store.getSession(me.b)).toBeUndefined();
    expect((await me.user.receive(me.a)).body.error).toBe('SESSION_NOT_FOUND');
    expect(await s.store.getSession(other.a)).toBeDefined();
    expect((await s.store.listFeedback({ limit: 1000 })).some((f) => f.sessionId === me.a)).toBe(false);
    expect((await s.store.listFeedback({ limit: 1000 })).some((f) => f.sessionId === other.a)).toBe(true);
  });

  it('DELETE /admin/students/{pseudonym} does the same for a teacher', async () => {
    const them = await chatAs('o-teacher-deletes');
    const r = await deleteStudent(s.url, pseudonymOf(KEY, 'wx:o-teacher-deletes'));
    expect(r.body).toMatchObject({ code: 200, data: { sessions: 2, turns: 2, feedback: 1, moderation: 0 } });
    expect(await s.store.getSession(them.a)).toBeUndefined();
    expect((await deleteStudent(s.url, pseudonymOf(KEY, 'wx:o-teacher-deletes'))).body.data).toEqual({ sessions: 0, turns: 0, feedback: 0, moderation: 0 });
  });

  it('answers a bad pseudonym 400 naming the path parameter, and a missing token 401', async () => {
    const bad = await deleteStudent(s.url, 'o-an-openid');
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([{ location: 'path', path: 'pseudonym', message: expect.stringMatching(/^pseudonym: must be a student pseudonym/) }]);
    expect((await deleteStudent(s.url, 'aa00bb11cc22dd33', {} as typeof admin)).body.error).toBe('UNAUTHENTICATED');
  });

  it('answers POST /forget without an identity 401', async () => {
    expect((await forget(s.url, {})).body.error).toBe('UNAUTHENTICATED');
  });
});

describe('forget without identities (AUTH=none)', () => {
  it('answers 404 NOT_FOUND: an address is not a student', async () => {
    const s = await startTestServer();
    try {
      const r = await forget(s.url, {});
      expect(r.status).toBe(404);
      expect(r.body).toMatchObject({ error: 'NOT_FOUND', message: expect.stringMatching(/signed-in student/) });
    } finally {
      await s.close();
    }
  });
});

describe('wrong admin tokens', () => {
  it('are throttled per address: after 5 in a minute even the right token waits, other addresses do not', async () => {
    const s = await startTestServer({ env: { ADMIN_TOKEN: ADMIN, TRUST_PROXY: 'true' } });
    try {
      const exportAs = (ip: string, token: string) =>
        fetch(`${s.url}/admin/feedback`, { headers: { Authorization: `Bearer ${token}`, 'X-Forwarded-For': ip } }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, any> }));
      for (let i = 0; i < 5; i++) expect((await exportAs('10.1.1.1', `wrong-token-guess-${i}`)).status).toBe(401);
      const refused = await exportAs('10.1.1.1', `wrong-token-guess-5`);
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ error: 'RATE_LIMITED', retryAfterMs: expect.any(Number) });
      expect((await exportAs('10.1.1.1', ADMIN)).status).toBe(429);
      expect((await exportAs('10.1.1.2', ADMIN)).status).toBe(200);
    } finally {
      await s.close();
    }
  });
});

describe.each(STORES)('the retention sweep (%s store)', (_name, makeStore) => {
  it('keeps a closed conversation for the retention, then deletes it, its feedback, and moderation records and group decisions as old', async () => {
    const s = await startTestServer({ store: await makeStore(), chatOptions: { transcriptRetentionMs: 1_500, tombstoneTtlMs: 0 } });
    try {
      const api = `${s.url}/mpweixin/chatbot`;
      const sid = newSessionId();
      await post(`${api}/send`, { sessionId: sid, content: '静态路由怎么配', timestamp: ts(0) });
      await receiveFinal(s.url, { sessionId: sid, after: 0 });
      await post(`${api}/feedback`, { sessionId: sid, seq: 1, rating: 'up' });
      // Logged before the session closed: they are due no later than it.
      const earlier = Date.now();
      await post(`${api}/destroy`, { sessionId: sid });
      const blocked = (id: string, at: number) => ({ id, at, direction: 'input' as const, sessionId: sid, seq: null, student: null, content: '敏感词', reason: 'words' });
      const decided = (groupId: string, at: number) => ({ groupId, question: '静态路由怎么配', status: 'ignored' as const, entryId: null, by: 'wang', at });
      const later = Date.now() + 3_600_000;
      await s.store.saveModeration(blocked('m-old', earlier));
      await s.store.saveModeration(blocked('m-later', later));
      await s.store.saveGroupState(decided('g-old', earlier));
      await s.store.saveGroupState(decided('g-later', later));
      // Destroyed but retained: the turn is still there for teachers, past the tombstone TTL.
      await s.app.chat.sweep();
      expect((await s.store.getTurn(sid, 1))?.content).toBe('静态路由怎么配');
      expect((await s.store.listFeedback({ limit: 1000 })).some((f) => f.sessionId === sid)).toBe(true);
      expect((await s.store.listModeration({ limit: 10 })).map((r) => r.id)).toEqual(['m-later', 'm-old']);
      expect((await s.store.groupStates()).map((g) => g.groupId).sort()).toEqual(['g-later', 'g-old']);
      // Once the retention is over, the real sweep deletes the conversation and its rating.
      await until(async () => {
        await s.app.chat.sweep();
        return (await s.store.getSession(sid)) === undefined;
      }, 10_000);
      expect(await s.store.getTurn(sid, 1)).toBeUndefined();
      expect((await s.store.listFeedback({ limit: 1000 })).some((f) => f.sessionId === sid)).toBe(false);
      expect((await s.store.listModeration({ limit: 10 })).map((r) => r.id)).toEqual(['m-later']);
      expect((await s.store.groupStates()).map((g) => g.groupId)).toEqual(['g-later']);
    } finally {
      await s.close();
    }
  });

  it('with TRANSCRIPT_RETENTION=0 deletes the turns at close, as before', async () => {
    const s = await startTestServer({ store: await makeStore(), env: { TRANSCRIPT_RETENTION: '0' } });
    try {
      const sid = newSessionId();
      await post(`${s.url}/mpweixin/chatbot/send`, { sessionId: sid, content: 'RIP 的跳数', timestamp: ts(0) });
      await receiveFinal(s.url, { sessionId: sid, after: 0 });
      await post(`${s.url}/mpweixin/chatbot/destroy`, { sessionId: sid });
      expect(await s.store.getTurn(sid, 1)).toBeUndefined();
      expect((await s.store.getSession(sid))?.closedAt).not.toBeNull();
    } finally {
      await s.close();
    }
  });
});
