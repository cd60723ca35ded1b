import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScriptedEngine } from '../src/testing/scripted-engine.js';
import { get, newSessionId, post, receiveFinal, startTestServer, ts, type TestServer } from '../src/testing/test-server.js';
import { STORES } from './stores.js';

describe.each(STORES)('a conversation over HTTP (%s store)', (_name, makeStore) => {
  let s: TestServer;
  let api: string;
  beforeEach(async () => {
    s = await startTestServer({ store: await makeStore() });
    api = `${s.url}/mpweixin/chatbot`;
  });
  afterEach(() => s.close());

  const send = (sessionId: string, content: string, timestamp = ts(), extra: object = {}) =>
    post(`${api}/send`, { sessionId, content, timestamp, ...extra });

  it('answers 5 rapid sends in one session in order, one at a time', async () => {
    const sid = newSessionId();
    const sends = await Promise.all([1, 2, 3, 4, 5].map((i) => send(sid, `问题${i}`, ts(i))));
    expect(sends.map((r) => r.body.data.seq).sort()).toEqual([1, 2, 3, 4, 5]);
    for (let seq = 1; seq <= 5; seq++) {
      const r = await receiveFinal(s.url, { sessionId: sid, after: seq - 1 });
      expect(r.body.code).toBe(200);
      expect(r.body.data.seq).toBe(seq);
    }
    const calls = (s.engine as ScriptedEngine).calls.filter((c) => c.input.sessionId === sid);
    // Each turn started after the previous one finished, in seq order, with the earlier turns as memory.
    expect(calls.map((c) => c.input.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(calls[4]!.input.history).toHaveLength(4);
    expect(calls[4]!.input.history[0]!.assistant).toMatch(/^答复：问题/);
  });

  it('serves a retried send (same clientMsgId) without a second turn', async () => {
    const sid = newSessionId();
    const clientMsgId = crypto.randomUUID();
    const a = await send(sid, '你好', ts(0), { clientMsgId });
    const b = await send(sid, '你好', ts(0), { clientMsgId });
    expect(a.body).toEqual({ code: 200, message: 'ok', data: { seq: 1 } });
    expect(b.body).toEqual({ code: 200, message: 'ok', data: { seq: 1, duplicate: true } });
    const c = await send(sid, '你好', ts(0));
    expect(c.body.data).toEqual({ seq: 2 });
    const d = await send(sid, '你好', ts(0));
    expect(d.body.data).toEqual({ seq: 2, duplicate: true });
    expect((await s.store.getSession(sid))!.lastSeq).toBe(2);
  });

  it('receive picks the reply to the latest message at or after the timestamp', async () => {
    const sid = newSessionId();
    await send(sid, 'A', ts(0));
    await send(sid, 'B', ts(10));
    await send(sid, 'C', ts(20));
    const latest = await receiveFinal(s.url, { sessionId: sid });
    expect(latest.body.data.content).toBe('答复：C');
    expect((await receiveFinal(s.url, { sessionId: sid, timestamp: ts(10) })).body.data.content).toBe('答复：C');
    expect((await receiveFinal(s.url, { sessionId: sid, timestamp: ts(0) })).body.data.content).toBe('答复：C');
    expect((await receiveFinal(s.url, { sessionId: sid, after: 0 })).body.data.content).toBe('答复：A');
    expect((await receiveFinal(s.url, { sessionId: sid, after: 1 })).body.data.content).toBe('答复：B');
    const none = await get(`${api}/receive`, { sessionId: sid, timestamp: ts(21) });
    expect(none.status).toBe(404);
    expect(none.body).toMatchObject({ code: 404, error: 'NO_SUCH_MESSAGE', data: {}, retryable: false });
    const past = await get(`${api}/receive`, { sessionId: sid, after: 3 });
    expect(past.body.error).toBe('NO_SUCH_MESSAGE');
  });

  it('answers 100 with the partial text while generating, as HTTP 200', async () => {
    const sid = newSessionId();
    await send(sid, '#slow 20');
    let partial: Record<string, any> | undefined;
    for (let i = 0; i < 100 && !partial; i++) {
      const r = await get(`${api}/receive`, { sessionId: sid });
      if (r.body.code === 100 && r.body.data.content) partial = r;
      else await new Promise((res) => setTimeout(res, 10));
    }
    expect(partial!.status).toBe(200);
    expect(partial!.body).toMatchObject({ code: 100, retryAfterMs: 1000, data: { sessionId: sid, seq: 1, status: 'generating' } });
    expect(partial!.body.data.content).toMatch(/^第1段。/);
    const final = await receiveFinal(s.url, { sessionId: sid });
    expect(final.body.data.content.startsWith(partial!.body.data.content)).toBe(true);
    expect(final.body.data.content).toBe(Array.from({ length: 20 }, (_, i) => `第${i + 1}段。`).join(''));
  });

  it('answers 100 with data {} before the first words', async () => {
    const sid = newSessionId();
    await send(sid, '#hang');
    const r = await get(`${api}/receive`, { sessionId: sid });
    expect(r.body).toEqual({ code: 100, message: 'reply is still being generated', data: {}, retryAfterMs: 1000 });
  });

  it('reports failed generations with their code, never 100 forever', async () => {
    const sid = newSessionId();
    await send(sid, '#fail', ts(0));
    const failed = await receiveFinal(s.url, { sessionId: sid });
    expect(failed.status).toBe(502);
    expect(failed.body).toEqual({ code: 502, message: 'scripted failure', data: {}, error: 'GENERATION_FAILED', retryable: false, seq: 1, requestId: failed.headers.get('x-request-id') });
    await send(sid, '#timeout', ts(1));
    expect((await receiveFinal(s.url, { sessionId: sid })).body).toMatchObject({ code: 504, error: 'UPSTREAM_TIMEOUT' });
    await send(sid, '#crash', ts(2));
    const crashed = await receiveFinal(s.url, { sessionId: sid });
    expect(crashed.body).toMatchObject({ code: 502, error: 'GENERATION_FAILED' });
    expect(JSON.stringify(crashed.body)).not.toContain('secret internal detail');
    // The session goes on after failures.
    await send(sid, 'ok', ts(3));
    expect((await receiveFinal(s.url, { sessionId: sid })).body.data.content).toBe('答复：ok');
  });

  it('fails a reply that takes longer than the generation timeout', async () => {
    await s.close();
    s = await startTestServer({ store: await makeStore(), env: { GENERATION_TIMEOUT: '300ms' } });
    api = `${s.url}/mpweixin/chatbot`;
    const sid = newSessionId();
    await send(sid, '#hang');
    const r = await receiveFinal(s.url, { sessionId: sid });
    expect(r.body).toMatchObject({ code: 504, error: 'UPSTREAM_TIMEOUT', retryable: false });
  });

  it('destroy mid-generation aborts the engine and closes the session', async () => {
    const sid = newSessionId();
    await send(sid, '#slow 100');
    await new Promise((r) => setTimeout(r, 100));
    expect((await post(`${api}/destroy`, { sessionId: sid })).body).toEqual({ code: 200, message: 'session closed' });
    const call = (s.engine as ScriptedEngine).calls.find((c) => c.input.sessionId === sid)!;
    await expect.poll(() => call.finished).toBe(true);
    expect(call.aborted).toBe(true);
    expect(call.abortReason).toBe('closed');
    expect((await send(sid, 'again')).body).toMatchObject({ code: 410, error: 'SESSION_CLOSED' });
    expect((await get(`${api}/receive`, { sessionId: sid })).body).toMatchObject({ code: 410, error: 'SESSION_CLOSED' });
    // Kept for teachers for TRANSCRIPT_RETENTION (default 180 days); with 0 it goes at close.
    expect((await s.store.getTurn(sid, 1))?.content).toBe('#slow 100');
  });

  it('keeps the transcript on destroy when retention is on', async () => {
    await s.close();
    s = await startTestServer({ store: await makeStore(), env: { RETAIN_TRANSCRIPTS: 'true' } });
    api = `${s.url}/mpweixin/chatbot`;
    const sid = newSessionId();
    await send(sid, '保留');
    await receiveFinal(s.url, { sessionId: sid });
    await post(`${api}/destroy`, { sessionId: sid });
    expect(await s.store.getTurn(sid, 1)).toMatchObject({ content: '保留', status: 'completed' });
  });

  it('answers SESSION_NOT_FOUND for a session that never sent anything', async () => {
    const r = await get(`${api}/receive`, { sessionId: newSessionId() });
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ code: 404, error: 'SESSION_NOT_FOUND', data: {}, retryable: false });
  });

  it('treats session ids case-insensitively', async () => {
    const sid = newSessionId();
    await send(sid.toUpperCase(), '大写');
    expect((await receiveFinal(s.url, { sessionId: sid })).body.data.content).toBe('答复：大写');
  });

  it('refuses more pending turns than allowed with 429 BUSY and Retry-After', async () => {
    const sid = newSessionId();
    for (let i = 0; i < 8; i++) expect((await send(sid, `#slow 50 ${i}`, ts(i))).status).toBe(200);
    const r = await send(sid, 'one too many', ts(9));
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('1');
    expect(r.body).toMatchObject({ code: 429, error: 'BUSY', retryable: true, retryAfterMs: 1000 });
  });

  it('refuses new sessions past the live-session limit with 503', async () => {
    await s.close();
    // One client fills the server here: its per-client share (issue #12) is turned off.
    s = await startTestServer({ store: await makeStore(), env: { MAX_LIVE_SESSIONS: '2', LIMIT_LIVE_SESSIONS: '0' } });
    api = `${s.url}/mpweixin/chatbot`;
    await send(newSessionId(), 'a');
    await send(newSessionId(), 'b');
    const r = await send(newSessionId(), 'c');
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ code: 503, error: 'TOO_MANY_SESSIONS', retryable: true });
    expect(r.body.message).toMatch(/as many conversations/);
  });

  it('answers 429 RATE_LIMITED past the per-session message quota', async () => {
    await s.close();
    s = await startTestServer({ store: await makeStore(), env: { MAX_MESSAGES_PER_SESSION: '2' } });
    api = `${s.url}/mpweixin/chatbot`;
    const sid = newSessionId();
    expect((await send(sid, 'a', ts(0))).status).toBe(200);
    expect((await send(sid, 'b', ts(1))).status).toBe(200);
    const r = await send(sid, 'c', ts(2));
    expect(r.status).toBe(429);
    expect(r.body).toMatchObject({ code: 429, error: 'RATE_LIMITED' });
    expect(r.body.message).toMatch(/quota of 2 messages/);
    // A retry of an accepted message is still recognised.
    expect((await send(sid, 'b', ts(1))).body.data).toEqual({ seq: 2, duplicate: true });
  });

  it('carries knowledge-base sources on the reply', async () => {
    const sid = newSessionId();
    await send(sid, '#sources 请问');
    const r = await receiveFinal(s.url, { sessionId: sid });
    expect(r.body.data.sources).toEqual([{ title: 'BGP实验ping不通怎么办' }]);
  });
});
