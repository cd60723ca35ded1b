import { expect } from 'vitest';
import { TestSocket } from '../src/testing/ws-client.js';
import { get, newSessionId, post, receiveFinal, ts } from '../src/testing/test-server.js';

/** Three rewordings of a question the shipped knowledge base does not answer, a fourth asked later, and an unrelated one. */
export const CANTEEN = ['食堂几点开门？', '请问食堂什么时候开门', '食堂开门时间是几点呀'];
export const CANTEEN_LATER = '食堂一般几点开门';
export const LIBRARY = '图书馆几点关门';
export const ANSWER = { title: '食堂几点开门', body: '食堂每天早上 6:30 开门，晚上 21:00 关门。' };

/** Where the scenario runs: `a` and `b` may be one server or two instances sharing a store. */
export interface LoopServers {
  a: { url: string; wsUrl: string };
  b: { url: string; wsUrl: string };
  token: string;
}

export function adminCall(url: string, token: string) {
  return async (method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, any> }> => {
    const res = await fetch(`${url}/admin${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
}

async function askHttp(url: string, sessionId: string, question: string): Promise<Record<string, any>> {
  const sent = await post(`${url}/mpweixin/chatbot/send`, { sessionId, content: question, timestamp: ts(0) });
  expect(sent.body.code).toBe(200);
  return (await receiveFinal(url, { sessionId, after: 0 })).body;
}

async function until<T>(probe: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The teacher's loop end to end: questions nobody answered are listed, rewordings grouped, a
 * teacher answers the group on `a`, the sessions still open receive the answer (one over HTTP
 * receive on `b`, one over a WebSocket on `a`), and a later rewording is answered from the new
 * entry by `b` within 2 s.
 */
export async function teacherLoop(servers: LoopServers): Promise<void> {
  const { a, b, token } = servers;
  const admin = adminCall(a.url, token);
  const sessions = [newSessionId(), newSessionId(), newSessionId()];

  // The first and third over HTTP (on b and a), the second over a real WebSocket on a.
  const first = await askHttp(b.url, sessions[0]!, CANTEEN[0]!);
  expect(first.data.sources ?? []).toEqual([]);
  const sock = await TestSocket.open(a.wsUrl, sessions[1]!);
  sock.ws.send(JSON.stringify({ type: 'send', content: CANTEEN[1], timestamp: ts(1) }));
  await sock.until((f) => f.some((x) => x.type === 'reply' && x.seq === 1));
  await askHttp(a.url, sessions[2]!, CANTEEN[2]!);
  const library = newSessionId();
  await askHttp(b.url, library, LIBRARY);

  // Listed as unanswered, the three rewordings in one group and the library question apart.
  const listed = await admin('GET', '/unanswered');
  expect(listed.status).toBe(200);
  const groups = listed.body.data.groups as Record<string, any>[];
  const canteen = groups.find((g) => g.question === CANTEEN[0]);
  expect(canteen).toMatchObject({ count: 3, status: 'open', entryId: null, groupId: expect.stringMatching(/^[0-9a-f]{16}$/) });
  expect(canteen!.examples.map((e: any) => e.question)).toEqual([...CANTEEN].reverse());
  expect(canteen!.examples.every((e: any) => e.reason === 'unmatched')).toBe(true);
  expect(groups.find((g) => g.question === LIBRARY)).toMatchObject({ count: 1, examples: [{ question: LIBRARY, sessionId: library, seq: 1 }] });

  // The teacher answers the group; every session of it is still open.
  const answered = await admin('POST', `/unanswered/${canteen!.groupId}/answer`, ANSWER);
  expect(answered.status).toBe(200);
  const answeredAt = Date.now();
  expect(answered.body.data).toMatchObject({ delivered: 3, entry: { title: ANSWER.title, body: ANSWER.body, updatedBy: 'wang', version: 1 } });

  // Over HTTP receive, on the other instance: the reply after the student's own, marked as the teacher's.
  const viaHttp = await until(async () => {
    const r = await get(`${b.url}/mpweixin/chatbot/receive`, { sessionId: sessions[0]!, after: 1 });
    return r.body.code === 200 ? r.body : undefined;
  }, 5_000, 'the teacher reply over receive');
  expect(viaHttp.data).toMatchObject({ sessionId: sessions[0], seq: 2, content: ANSWER.body, from: 'teacher', status: 'completed' });
  // Over the WebSocket: a reply frame of its own.
  await sock.until((f) => f.some((x) => x.type === 'reply' && x.seq === 2));
  expect(sock.frames.find((x) => x.type === 'reply' && x.seq === 2)).toMatchObject({ type: 'reply', seq: 2, from: 'teacher', data: { content: ANSWER.body } });
  expect(sock.frames.find((x) => x.type === 'reply' && x.seq === 1)).not.toHaveProperty('from');
  sock.ws.close();

  // A fourth rewording, asked afterwards on b, is answered from the new entry within 2 s of the teacher's answer.
  const later = await until(async () => {
    const r = await askHttp(b.url, newSessionId(), CANTEEN_LATER);
    return (r.data.sources ?? []).some((s: any) => s.title === ANSWER.title) ? r : undefined;
  }, Math.max(0, answeredAt + 2_000 - Date.now()), 'the later rewording answered from the new entry within 2 s of the answer');
  expect(later.data.content).toContain('6:30');
  expect(later.data).not.toHaveProperty('from');

  // The group stays, answered, under the same id; the conversation shows who wrote which reply.
  const after = (await admin('GET', '/unanswered')).body.data.groups as Record<string, any>[];
  expect(after.find((g) => g.groupId === canteen!.groupId)).toMatchObject({ status: 'answered', entryId: answered.body.data.entry.id, count: 3 });
  const detail = await adminCall(b.url, token)('GET', `/conversations/${sessions[0]}`);
  expect(detail.body.data.turns.map((t: any) => [t.seq, t.from, t.matched])).toEqual([
    [1, 'engine', false],
    [2, 'teacher', true],
  ]);
}
