import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../src/adapters/mysql/testing/mysql-test-db.js';
import { spawnServer, type ServerProcess, deleteKeys, REDIS_URL, stopServer, testPrefix } from '@mpchat/testkit';
import { get, newSessionId, post, ts } from '../src/testing/test-server.js';
import { TestSocket } from '../src/testing/ws-client.js';
import { kbReplies } from './redis-servers.js';

// Two instances share MySQL for data and Redis for events and the generation queue. B is API-only
// (REDIS_WORKER=false): anything received on B was generated on A and stored in MySQL.
const prefix = testPrefix();
const BGP = '请问BGP协议实验ping不通怎么办?';
let db: TestDatabase;
let a: ServerProcess;
let b: ServerProcess;
let expected: Map<string, string>;

beforeAll(async () => {
  db = await createTestDatabase();
  const env = (extra: Record<string, string> = {}) => ({
    STORE: 'mysql',
    MYSQL_URL: db.url,
    REDIS_URL,
    REDIS_PREFIX: prefix,
    KB_CHUNK_DELAY_MS: '20',
    REDIS_JOB_LOCK_MS: '1500',
    SHUTDOWN_GRACE: '1s',
    ...extra,
  });
  // Started together: both apply the migrations under the lock, one of them does the work.
  [a, b] = await Promise.all([spawnServer(env(), 40_000), spawnServer(env({ REDIS_WORKER: 'false' }), 40_000)]);
  expected = await kbReplies([BGP, 'OSPF']);
}, 60_000);

afterAll(async () => {
  await Promise.all([a, b].filter(Boolean).map((s) => stopServer(s)));
  await deleteKeys(REDIS_URL, prefix);
  await db?.drop();
}, 30_000);

const api = (s: ServerProcess) => `${s.url}/mpweixin/chatbot`;

describe('two instances on MySQL + Redis', () => {
  it('a message sent on A is answered through a long-poll held on B, and the other way round', async () => {
    const sid = newSessionId();
    expect((await post(`${api(a)}/send`, { sessionId: sid, content: BGP, timestamp: ts(0) })).body).toEqual({ code: 200, message: 'ok', data: { seq: 1 } });
    const first = await get(`${api(b)}/receive`, { sessionId: sid, after: 0, wait: 20 });
    expect(first.body).toMatchObject({ code: 200, data: { seq: 1, status: 'completed', content: expected.get(BGP) } });
    expect((await post(`${api(b)}/send`, { sessionId: sid, content: 'OSPF', timestamp: ts(1) })).body.data).toEqual({ seq: 2 });
    const second = await get(`${api(a)}/receive`, { sessionId: sid, after: 1, wait: 20 });
    expect(second.body).toMatchObject({ code: 200, data: { seq: 2, status: 'completed', content: expected.get('OSPF') } });
  });

  it('a socket on B streams a reply generated on A, delta by delta', async () => {
    const sid = newSessionId();
    const sock = await TestSocket.open(b.wsUrl, sid);
    try {
      await sock.until((f) => f.some((x) => x.type === 'hello'));
      sock.send({ type: 'send', content: BGP, timestamp: ts() });
      await sock.until((f) => f.some((x) => x.type === 'reply'), 15_000);
      expect(sock.of('reply')).toEqual([expect.objectContaining({ seq: 1, status: 'completed', data: expect.objectContaining({ content: expected.get(BGP) }) })]);
      expect(sock.of('delta').length).toBeGreaterThan(10);
      expect(sock.textOf(1)).toBe(expected.get(BGP));
    } finally {
      sock.close();
    }
  });

  it('destroy on one instance closes the session for the other', async () => {
    const sid = newSessionId();
    await post(`${api(a)}/send`, { sessionId: sid, content: 'OSPF', timestamp: ts() });
    expect((await post(`${api(b)}/destroy`, { sessionId: sid })).body).toMatchObject({ code: 200 });
    expect((await get(`${api(a)}/receive`, { sessionId: sid })).body).toMatchObject({ code: 410, error: 'SESSION_CLOSED' });
  });
});
