import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, newSessionId, post, receiveFinal, startTestServer, ts, type TestServer } from '../src/testing/test-server.js';
import { STORES } from './stores.js';

const TOKEN = 'teacher-token-0123456789';
const auth = { Authorization: `Bearer ${TOKEN}` };

async function exportJson(url: string, query = '', headers: Record<string, string> = auth) {
  const r = await fetch(`${url}/admin/feedback${query}`, { headers });
  return { status: r.status, body: (await r.json()) as Record<string, any> };
}

/** A session with one settled turn (seq 1) and one still generating (seq 2). */
async function sessionWithTurns(s: TestServer, first = '请问BGP协议实验ping不通怎么办?') {
  const sid = newSessionId();
  await post(`${s.url}/mpweixin/chatbot/send`, { sessionId: sid, content: first, timestamp: ts(0) });
  await receiveFinal(s.url, { sessionId: sid, after: 0 });
  await post(`${s.url}/mpweixin/chatbot/send`, { sessionId: sid, content: '#hang', timestamp: ts(1) });
  return sid;
}

describe.each(STORES)('feedback and the teachers’ export (%s store)', (_name, makeStore) => {
  let s: TestServer;
  let api: string;
  beforeAll(async () => {
    s = await startTestServer({ store: await makeStore(), env: { ADMIN_TOKEN: TOKEN } });
    api = `${s.url}/mpweixin/chatbot`;
  });
  afterAll(() => s.close());

  it('stores a rating with the question and answer; rating again replaces it; it outlives the transcript', async () => {
    const sid = await sessionWithTurns(s);
    const up = await post(`${api}/feedback`, { sessionId: sid, seq: 1, rating: 'up' });
    expect(up.body).toEqual({ code: 200, message: 'feedback saved', data: { seq: 1, rating: 'up' } });
    const down = await post(`${api}/feedback`, { sessionId: sid, seq: 1, rating: 'down', comment: '没有讲 AS 号' });
    expect(down.body.data).toEqual({ seq: 1, rating: 'down' });
    await post(`${api}/destroy`, { sessionId: sid });
    const r = await exportJson(s.url);
    expect(r.status).toBe(200);
    const mine = (r.body.data.items as any[]).filter((i) => i.sessionId === sid);
    expect(mine).toEqual([
      {
        ratedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        sessionId: sid,
        seq: 1,
        rating: 'down',
        comment: '没有讲 AS 号',
        question: '请问BGP协议实验ping不通怎么办?',
        answer: '答复：请问BGP协议实验ping不通怎么办?',
      },
    ]);
  });

  it('filters the export by rating and time', async () => {
    const sid = await sessionWithTurns(s);
    await post(`${api}/feedback`, { sessionId: sid, seq: 1, rating: 'up' });
    const ups = await exportJson(s.url, '?rating=up');
    expect((ups.body.data.items as any[]).every((i) => i.rating === 'up')).toBe(true);
    expect((ups.body.data.items as any[]).some((i) => i.sessionId === sid)).toBe(true);
    expect((await exportJson(s.url, '?rating=down')).body.data.items.some((i: any) => i.sessionId === sid)).toBe(false);
    expect((await exportJson(s.url, '?since=2999-01-01')).body.data.items).toEqual([]);
    expect((await exportJson(s.url, '?since=2000-01-01T00:00:00Z')).body.data.items.some((i: any) => i.sessionId === sid)).toBe(true);
  });

  it('exports CSV with a BOM, for ?format=csv and for Accept: text/csv, with formula cells defused', async () => {
    const sid = await sessionWithTurns(s, '=HYPERLINK("http://evil","点我")');
    await post(`${api}/feedback`, { sessionId: sid, seq: 1, rating: 'down', comment: '+1, "好"\n@老师' });
    for (const [query, headers] of [['?format=csv', auth], ['', { ...auth, Accept: 'text/csv' }]] as const) {
      const r = await fetch(`${s.url}/admin/feedback${query}`, { headers });
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const bytes = new Uint8Array(await r.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      expect(text.split('\r\n')[0]).toBe('\uFEFFratedAt,rating,question,answer,comment,sessionId,seq');
      const row = text.split('\r\n').find((line) => line.includes(sid))!;
      // The question starts with "=": quoted and prefixed; the answer does not, so it is left as is.
      expect(row).toContain(`,down,"'=HYPERLINK(""http://evil"",""点我"")","答复：=HYPERLINK(`);
      expect(text).toContain(`"'+1, ""好""\n@老师",${sid},1`);
    }
  });
});

type Case = [string, () => Promise<{ status: number; body: Record<string, any> }>, { status: number; error: string; message?: RegExp; path?: string }];

describe('bad feedback and export requests get the envelope', () => {
  let s: TestServer;
  let off: TestServer;
  let sid: string;
  let closed: string;
  beforeAll(async () => {
    s = await startTestServer({ env: { ADMIN_TOKEN: TOKEN } });
    off = await startTestServer({ env: { FEEDBACK: 'false' } });
    sid = await sessionWithTurns(s);
    closed = await sessionWithTurns(s);
    await post(`${s.url}/mpweixin/chatbot/destroy`, { sessionId: closed });
  });
  afterAll(async () => {
    await s.close();
    await off.close();
  });
  const fb = (body: object, server = () => s) => post(`${server().url}/mpweixin/chatbot/feedback`, body);

  const table: Case[] = [
    ['an unknown seq', () => fb({ sessionId: sid, seq: 9, rating: 'up' }), { status: 404, error: 'NO_SUCH_MESSAGE', message: /no message 9/ }],
    ['a turn still generating', () => fb({ sessionId: sid, seq: 2, rating: 'up' }), { status: 409, error: 'NOT_SETTLED', message: /still being generated/ }],
    ['a comment over 500 characters', () => fb({ sessionId: sid, seq: 1, rating: 'up', comment: '好'.repeat(501) }), { status: 400, error: 'INVALID_ARGUMENT', path: 'comment', message: /at most 500/ }],
    ['a wrong rating', () => fb({ sessionId: sid, seq: 1, rating: 'meh' }), { status: 400, error: 'INVALID_ARGUMENT', path: 'rating', message: /"up" or "down"/ }],
    ['a seq that is not a number', () => fb({ sessionId: sid, seq: 'one', rating: 'up' }), { status: 400, error: 'INVALID_ARGUMENT', path: 'seq' }],
    ['a session that never sent', () => fb({ sessionId: newSessionId(), seq: 1, rating: 'up' }), { status: 404, error: 'SESSION_NOT_FOUND' }],
    ['a destroyed session', () => fb({ sessionId: closed, seq: 1, rating: 'up' }), { status: 410, error: 'SESSION_CLOSED' }],
    ['feedback with FEEDBACK=false', () => fb({ sessionId: sid, seq: 1, rating: 'up' }, () => off), { status: 404, error: 'NOT_FOUND' }],
    ['the export without a token', () => exportJson(s.url, '', {}), { status: 401, error: 'UNAUTHENTICATED', message: /Bearer/ }],
    ['the export with a wrong token', () => exportJson(s.url, '', { Authorization: 'Bearer teacher-token-0123456780' }), { status: 401, error: 'UNAUTHENTICATED', message: /wrong/ }],
    ['a bad query without a token (token first)', () => exportJson(s.url, '?rating=meh', {}), { status: 401, error: 'UNAUTHENTICATED' }],
    ['the export with a bad rating', () => exportJson(s.url, '?rating=meh'), { status: 400, error: 'INVALID_ARGUMENT', path: 'rating' }],
    ['the export with a bad since', () => exportJson(s.url, '?since=yesterday'), { status: 400, error: 'INVALID_ARGUMENT', path: 'since', message: /ISO 8601/ }],
    ['the export when no ADMIN_TOKEN is set', () => exportJson(off.url), { status: 404, error: 'NOT_FOUND' }],
  ];

  it.each(table)('%s', async (_name, call, want) => {
    const r = await call();
    expect(r.status).toBe(want.status);
    expect(r.body).toMatchObject({ code: want.status, error: want.error });
    if (want.message) expect(r.body.message).toMatch(want.message);
    if (want.path) expect(r.body.issues.map((i: { path: string }) => i.path)).toEqual([want.path]);
  });

  it('serves the built-in welcome when no welcome file was loaded', async () => {
    const r = await get(`${s.url}/mpweixin/chatbot/welcome`);
    expect(r.body.data.starters.length).toBeGreaterThan(0);
    expect(r.body.data.greeting).toMatch(/网络实验/);
  });
});
