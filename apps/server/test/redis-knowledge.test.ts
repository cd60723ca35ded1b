import { beforeAll, describe, expect, it } from 'vitest';
import { until, type ServerProcess } from '@mpchat/testkit';
import { useKbPair } from './redis-servers.js';
import { newSessionId, post, receiveFinal, ts } from '../src/testing/test-server.js';

// Two instances on one Redis: a teacher's edit on A is what B answers from, with no restart and no
// SIGHUP (the bus announces the change; B re-reads the store and swaps its index).
const TOKEN = 'redis-teacher-token-0001';
const servers = useKbPair(`zhang:${TOKEN}`);
let a: ServerProcess;
let b: ServerProcess;
beforeAll(() => {
  a = servers.a();
  b = servers.b();
});

const admin = (s: ServerProcess, method: string, path: string, body?: unknown) =>
  fetch(`${s.url}/admin${path}`, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  }).then(async (r) => (await r.json()) as Record<string, any>);

async function ask(s: ServerProcess, question: string): Promise<Record<string, any>> {
  const sid = newSessionId();
  await post(`${s.url}/mpweixin/chatbot/send`, { sessionId: sid, content: question, timestamp: ts(0) });
  return (await receiveFinal(s.url, { sessionId: sid, after: 0 })).body;
}

describe('the knowledge base on two instances sharing Redis', () => {
  it('is seeded once, and an entry written on one instance is answered by the other', async () => {
    const seeded = await admin(b, 'GET', '/kb/entries?limit=200');
    expect(seeded.data.items.length).toBeGreaterThan(50);
    expect(new Set(seeded.data.items.map((e: any) => e.version))).toEqual(new Set([1]));

    const question = '网络实验室周末开放吗';
    expect((await ask(b, question)).data.sources ?? []).toEqual([]);
    const created = await admin(a, 'POST', '/kb/entries', { title: '网络实验室周末开放吗', body: '周六 9:00–17:00 开放，周日关闭。' });
    expect(created.data.entry.updatedBy).toBe('zhang');
    // Event-driven: B rebuilds when the announcement arrives (no polling interval to wait out).
    await until(async () => ((await ask(b, question)).data.sources ?? []).length > 0, 10_000, 'B answers from the new entry');
    expect((await ask(b, question)).data).toMatchObject({ sources: [{ title: '网络实验室周末开放吗' }], content: expect.stringContaining('周日关闭') });

    await admin(b, 'DELETE', `/kb/entries/${created.data.entry.id}`);
    await until(async () => ((await ask(a, question)).data.sources ?? []).length === 0, 10_000, 'A stops answering from the deleted entry');
  });
});
