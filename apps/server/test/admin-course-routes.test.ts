import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../src/adapters/sqlite/sqlite-store.js';
import { newSessionId, post, receiveFinal, startTestServer, ts, type TestServer } from '../src/testing/test-server.js';
import { adminCall } from './teacher-loop-scenario.js';

// The course routes on a real server with a SQLite file and the scripted engine, which says
// nothing about matching: what it answers badly is what students rate 👎, and questions group by
// character pairs (the engine has no analysis of its own).
const TOKEN = 'wang-teacher-token-0001';
const dir = mkdtempSync(join(tmpdir(), 'mpchat-course-'));
const words = join(dir, 'words.txt');
writeFileSync(words, '违禁词\n');
let s: TestServer;
let admin: ReturnType<typeof adminCall>;
const api = () => `${s.url}/mpweixin/chatbot`;

async function ask(sessionId: string, content: string, seq = 1): Promise<void> {
  const sent = await post(`${api()}/send`, { sessionId, content, timestamp: ts(seq) });
  expect(sent.body.code).toBe(200);
  await receiveFinal(s.url, { sessionId, after: seq - 1 });
}
const rate = (sessionId: string, seq: number, rating: 'up' | 'down') => post(`${api()}/feedback`, { sessionId, seq, rating });

beforeAll(async () => {
  s = await startTestServer({ store: new SqliteStore(join(dir, 'course.db')), env: { ADMIN_TOKENS: `wang:${TOKEN}`, MODERATION: 'words', MODERATION_WORDS_FILE: words } });
  admin = adminCall(s.url, TOKEN);
});
afterAll(() => s?.close());

const ROUTES: [string, string][] = [
  ['GET', '/conversations'],
  ['GET', `/conversations/${crypto.randomUUID()}`],
  ['GET', '/unanswered'],
  ['POST', '/unanswered/0123456789abcdef/answer'],
  ['POST', '/unanswered/0123456789abcdef/ignore'],
  ['GET', '/stats'],
  ['GET', '/moderation'],
];

describe('the course routes under /admin', () => {
  it('every one needs a teacher token', async () => {
    // Wrong tokens are throttled per address after 5 a minute: a fresh server for every 4 routes.
    for (let i = 0; i < ROUTES.length; i += 4) {
      const other = await startTestServer({ env: { ADMIN_TOKENS: `wang:${TOKEN}` } });
      try {
        for (const [method, path] of ROUTES.slice(i, i + 4)) {
          const res = await fetch(`${other.url}/admin${path}`, { method, headers: { Authorization: 'Bearer not-a-teacher-token-000' } });
          expect([method, path, res.status]).toEqual([method, path, 401]);
          expect(await res.json()).toMatchObject({ code: 401, error: 'UNAUTHENTICATED' });
        }
      } finally {
        await other.close();
      }
    }
  });

  // Bad input of every route: a clear 4xx in the envelope, naming the field.
  const group = '0123456789abcdef';
  const BAD: [string, string, unknown, number, string, { location?: string; path?: string } | undefined][] = [
    ['GET', '/conversations?filter=liked', undefined, 400, 'INVALID_ARGUMENT', { location: 'query', path: 'filter' }],
    ['GET', '/conversations?from=yesterday', undefined, 400, 'INVALID_ARGUMENT', { location: 'query', path: 'from' }],
    ['GET', '/conversations?limit=0', undefined, 400, 'INVALID_ARGUMENT', { location: 'query', path: 'limit' }],
    ['GET', '/conversations?cursor=!!', undefined, 400, 'INVALID_ARGUMENT', { location: 'query', path: 'cursor' }],
    ['GET', '/conversations?cursor=bm90LWEtY3Vyc29y', undefined, 400, 'INVALID_ARGUMENT', { location: 'query', path: 'cursor' }],
    ['GET', '/conversations?student=oAbc-openid', undefined, 400, 'INVALID_ARGUMENT', { location: 'query', path: 'student' }],
    ['GET', '/conversations/not-a-session', undefined, 400, 'INVALID_ARGUMENT', { location: 'path', path: 'sessionId' }],
    ['GET', `/conversations/${crypto.randomUUID()}`, undefined, 404, 'SESSION_NOT_FOUND', undefined],
    ['GET', '/unanswered?status=done', undefined, 400, 'INVALID_ARGUMENT', { location: 'query', path: 'status' }],
    ['GET', '/unanswered?to=2026-13-45', undefined, 400, 'INVALID_ARGUMENT', { location: 'query', path: 'to' }],
    ['POST', '/unanswered/xyz/answer', { title: 't', body: 'b' }, 400, 'INVALID_ARGUMENT', { location: 'path', path: 'groupId' }],
    ['POST', `/unanswered/${group}/answer`, {}, 400, 'INVALID_ARGUMENT', { location: 'body', path: '' }],
    ['POST', `/unanswered/${group}/answer`, { title: 't', body: 'b', entryId: '05-bgp-1' }, 400, 'INVALID_ARGUMENT', { location: 'body', path: '' }],
    ['POST', `/unanswered/${group}/answer`, { title: ' ', body: 'b' }, 400, 'INVALID_ARGUMENT', { location: 'body', path: 'title' }],
    ['POST', `/unanswered/${group}/answer`, { entryId: '../etc' }, 400, 'INVALID_ARGUMENT', { location: 'body', path: 'entryId' }],
    ['POST', `/unanswered/${group}/answer`, { title: '食堂', body: '7:00' }, 404, 'GROUP_NOT_FOUND', undefined],
    ['POST', `/unanswered/${group}/ignore`, [], 400, 'INVALID_ARGUMENT', { location: 'body' }],
    ['POST', `/unanswered/${group}/ignore`, {}, 404, 'GROUP_NOT_FOUND', undefined],
    ['GET', '/stats?from=2026-12-01T25:00:00Z', undefined, 400, 'INVALID_ARGUMENT', { location: 'query', path: 'from' }],
    ['GET', '/moderation?limit=201', undefined, 400, 'INVALID_ARGUMENT', { location: 'query', path: 'limit' }],
    ['GET', '/moderation?cursor=WzEsMl0', undefined, 400, 'INVALID_ARGUMENT', { location: 'query', path: 'cursor' }],
  ];
  it.each(BAD)('%s %s %j → %i %s', async (method, path, body, status, error, issue) => {
    const r = await admin(method, path, body);
    expect(r.status).toBe(status);
    expect(r.body).toMatchObject({ code: status, error, data: {} });
    if (issue) expect(r.body.issues[0]).toMatchObject(issue);
  });

  it('refuses an answer body that is not JSON', async () => {
    const res = await fetch(`${s.url}/admin/unanswered/${group}/answer`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'text/plain' }, body: 'hello' });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: 'UNSUPPORTED_MEDIA_TYPE' });
  });
});

describe('conversations, the moderation log and the numbers', () => {
  const since = new Date().toISOString();
  const sessions = [newSessionId(), newSessionId(), newSessionId(), newSessionId(), newSessionId()];
  beforeAll(async () => {
    for (const [i, sid] of sessions.entries()) await ask(sid, `第${i}个问题：OSPF 邻居`);
    await ask(sessions[0]!, '再问一句：路由表为什么是空的', 2);
    await rate(sessions[0]!, 2, 'down');
    await rate(sessions[1]!, 1, 'up');
    // A question the filter refuses (never stored) and a reply it stops.
    const refused = await post(`${api()}/send`, { sessionId: sessions[2], content: '这里有违禁词', timestamp: ts(5) });
    expect(refused.status).toBe(422);
    await ask(sessions[3]!, '#reverse 词禁违', 2);
  });

  it('pages the conversations newest first by cursor, each once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: Record<string, any> } = await admin('GET', `/conversations?limit=2&from=${since}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.body.data.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.items.map((c: any) => c.sessionId));
      cursor = page.body.data.nextCursor;
    } while (cursor);
    // Last active: sessions[3] (its blocked reply), then [0] (its second question), then 4, 2, 1.
    expect(seen).toEqual([sessions[3], sessions[0], sessions[4], sessions[2], sessions[1]]);
  });

  it('filters by 👎, blocked and text, and names the student by pseudonym only', async () => {
    const down = (await admin('GET', `/conversations?filter=downvoted&from=${since}`)).body.data.items;
    expect(down.map((c: any) => c.sessionId)).toEqual([sessions[0]]);
    expect(down[0]).toMatchObject({ turns: 2, firstQuestion: '第0个问题：OSPF 邻居', downvoted: true, unanswered: false, blocked: false, closedAt: null, student: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect((await admin('GET', `/conversations?filter=blocked&from=${since}`)).body.data.items.map((c: any) => c.sessionId)).toEqual([sessions[3]]);
    expect((await admin('GET', `/conversations?q=${encodeURIComponent('路由表')}&from=${since}`)).body.data.items.map((c: any) => c.sessionId)).toEqual([sessions[0]]);
    const mine = await admin('GET', `/conversations?student=${down[0].student}&from=${since}`);
    // Every test session comes from 127.0.0.1: one student.
    expect(mine.body.data.items).toHaveLength(5);
  });

  it('shows every turn of a conversation: answer, feedback, moderation, latency', async () => {
    const d = (await admin('GET', `/conversations/${sessions[0]}`)).body.data;
    expect(d.turns).toHaveLength(2);
    expect(d.turns[1]).toMatchObject({ seq: 2, question: '再问一句：路由表为什么是空的', answer: '答复：再问一句：路由表为什么是空的', status: 'completed', from: 'engine', matched: null, moderation: 'passed', feedback: { rating: 'down', comment: '' } });
    expect(d.turns[1].latencyMs).toBeGreaterThanOrEqual(0);
    const blocked = (await admin('GET', `/conversations/${sessions[3]}`)).body.data.turns[1];
    expect(blocked).toMatchObject({ status: 'blocked', moderation: 'blocked' });
  });

  it('keeps blocked questions and replies in the moderation log, newest first, paged', async () => {
    const first = (await admin('GET', `/moderation?limit=1&from=${since}`)).body.data;
    expect(first.items).toEqual([{ at: expect.any(String), direction: 'output', sessionId: sessions[3], seq: 2, student: expect.stringMatching(/^[0-9a-f]{16}$/), content: expect.stringContaining('违禁'), reason: 'words' }]);
    const second = (await admin('GET', `/moderation?limit=1&from=${since}&cursor=${first.nextCursor}`)).body.data;
    expect(second.items).toEqual([{ at: expect.any(String), direction: 'input', sessionId: sessions[2], seq: null, student: first.items[0].student, content: '这里有违禁词', reason: 'words' }]);
    expect(second.nextCursor).toBeNull();
  });

  it('counts the course: questions, students, sessions, ratings, blocked, latency, per day', async () => {
    const data = (await admin('GET', `/stats?from=${since}`)).body.data;
    expect(data.totals).toMatchObject({ questions: 7, students: 1, sessions: 5, up: 1, down: 1, unanswered: 0, unansweredRate: 0, blocked: 2 });
    expect(data.totals.latencyP50Ms).toBeGreaterThanOrEqual(0);
    expect(data.totals.latencyP95Ms).toBeGreaterThanOrEqual(data.totals.latencyP50Ms);
    expect(data.days.at(-1)).toMatchObject({ date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), questions: 7, blocked: 2 });
    // Nothing before the course started; days are the server's (Asia/Shanghai): two UTC days touch three of them.
    const empty = (await admin('GET', `/stats?from=2020-01-01&to=2020-01-03`)).body.data;
    expect(empty.totals).toMatchObject({ questions: 0, unansweredRate: 0, latencyP50Ms: null });
    expect(empty.days.map((d: any) => d.date)).toEqual(['2020-01-01', '2020-01-02', '2020-01-03']);
  });
});

describe('questions rated 👎, grouped without an engine analysis', () => {
  const REPORT = ['实验报告什么时候交', '实验报告什么时候要交', '请问实验报告什么时候交啊'];
  const AIRCON = '机房空调坏了找谁';
  const ids: string[] = [];
  beforeAll(async () => {
    for (const q of [...REPORT, AIRCON]) {
      const sid = newSessionId();
      ids.push(sid);
      await ask(sid, q);
      await rate(sid, 1, 'down');
    }
  });

  it('groups rewordings by character pairs; a teacher ignores one group and answers another with an existing entry', async () => {
    const groups = (await admin('GET', '/unanswered')).body.data.groups as any[];
    const report = groups.find((g) => g.question === REPORT[0]);
    const aircon = groups.find((g) => g.question === AIRCON);
    expect(report).toMatchObject({ count: 3, status: 'open' });
    expect(report.examples.every((e: any) => e.reason === 'downvoted')).toBe(true);
    expect(aircon).toMatchObject({ count: 1 });

    expect((await admin('POST', `/unanswered/${aircon.groupId}/ignore`, {})).body.data).toEqual({ groupId: aircon.groupId, status: 'ignored' });
    expect((await admin('GET', '/unanswered?status=ignored')).body.data.groups.map((g: any) => g.groupId)).toEqual([aircon.groupId]);

    expect((await admin('POST', `/unanswered/${report.groupId}/answer`, { entryId: 'no-such-entry' })).body).toMatchObject({ code: 404, error: 'ENTRY_NOT_FOUND' });
    const entry = (await admin('POST', '/kb/entries', { title: '实验报告什么时候交', body: '每次实验后一周内交到课程网站。' })).body.data.entry;
    const answered = await admin('POST', `/unanswered/${report.groupId}/answer`, { entryId: entry.id });
    expect(answered.body.data).toMatchObject({ delivered: 3, entry: { id: entry.id, version: 1 } });
    const reply = await receiveFinal(s.url, { sessionId: ids[1]!, after: 1 });
    expect(reply.body.data).toMatchObject({ seq: 2, content: '每次实验后一周内交到课程网站。', from: 'teacher' });
    const after = (await admin('GET', '/unanswered')).body.data.groups as any[];
    expect(after.find((g) => g.groupId === report.groupId)).toMatchObject({ status: 'answered', entryId: entry.id, count: 3 });
    expect((await admin('GET', '/unanswered?status=open')).body.data.groups.map((g: any) => g.groupId)).not.toContain(report.groupId);
  });
});
