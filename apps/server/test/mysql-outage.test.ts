import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../src/adapters/mysql/testing/mysql-test-db.js';
import { spawnServer, type ServerProcess, freePort, stopServer } from '@mpchat/testkit';
import { get, newSessionId, post, receiveFinal, ts } from '../src/testing/test-server.js';
import { TcpProxy } from './mysql-servers.js';
import { kbReplies } from './redis-servers.js';

// The server reaches MariaDB through a proxy the tests close (MySQL down) and freeze (MySQL hung);
// the shared MariaDB itself is never touched.
const BGP = '请问BGP协议实验ping不通怎么办?';
let db: TestDatabase;
let proxy: TcpProxy;
let server: ServerProcess;
let expected: Map<string, string>;

beforeAll(async () => {
  db = await createTestDatabase();
  proxy = new TcpProxy(await freePort());
  await proxy.open();
  server = await spawnServer({ STORE: 'mysql', MYSQL_URL: proxy.url(db.name), REDIS_URL: '', KB_CHUNK_DELAY_MS: '20', SHUTDOWN_GRACE: '1s' }, 40_000);
  expected = await kbReplies([BGP, 'OSPF']);
}, 60_000);

afterAll(async () => {
  if (server) await stopServer(server);
  await proxy?.close();
  await db?.drop();
}, 30_000);

const api = () => `${server.url}/mpweixin/chatbot`;
/** One request that must answer within 10 s: a hang fails the test. */
async function call(path: string, init?: RequestInit): Promise<{ status: number; body: Record<string, any> }> {
  const res = await fetch(`${api()}${path}`, { ...init, signal: AbortSignal.timeout(10_000) });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}
const send = (sessionId: string, content: string, clientMsgId: string, k: number) =>
  call('/send', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sessionId, content, timestamp: ts(k), clientMsgId }) });

/**
 * Starts a long reply, breaks MySQL while it is being written, checks that requests answer 503
 * STORE_UNAVAILABLE (never hang), restores MySQL, and checks that the service recovers by itself:
 * the retried send is accepted once, and both replies complete exactly.
 */
async function outage(breakMysql: () => void | Promise<void>, restore: () => void | Promise<void>): Promise<void> {
  const sid = newSessionId();
  expect((await send(sid, BGP, crypto.randomUUID(), 0)).body).toMatchObject({ code: 200, data: { seq: 1 } });
  await expect.poll(async () => (await call(`/receive?sessionId=${sid}`)).body.data?.content ?? '', { timeout: 20_000, interval: 50 }).not.toBe('');
  await breakMysql();
  const retryId = crypto.randomUUID();
  const refused = await send(sid, 'OSPF', retryId, 1);
  expect(refused).toMatchObject({ status: 503, body: { code: 503, error: 'STORE_UNAVAILABLE', retryable: true } });
  expect((await call(`/receive?sessionId=${sid}`)).body).toMatchObject({ code: 503, error: 'STORE_UNAVAILABLE' });
  expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
  await restore();
  await expect.poll(async () => (await fetch(`${server.url}/readyz`)).status, { timeout: 15_000, interval: 200 }).toBe(200);
  // The client retries its refused send with the same clientMsgId: stored once, as seq 2.
  expect((await send(sid, 'OSPF', retryId, 1)).body).toMatchObject({ code: 200, data: { seq: 2 } });
  expect((await send(sid, 'OSPF', retryId, 1)).body).toMatchObject({ code: 200, data: { seq: 2 } });
  const first = await receiveFinal(server.url, { sessionId: sid, after: 0 }, 20_000);
  expect(first.body).toMatchObject({ code: 200, data: { seq: 1, status: 'completed', content: expected.get(BGP) } });
  const second = await receiveFinal(server.url, { sessionId: sid, after: 1 }, 20_000);
  expect(second.body).toMatchObject({ code: 200, data: { seq: 2, status: 'completed', content: expected.get('OSPF') } });
  expect((await get(`${api()}/receive`, { sessionId: sid, after: 2 })).body.error).toBe('NO_SUCH_MESSAGE');
}

describe('a MySQL outage', () => {
  it('MySQL down mid-reply: 503 STORE_UNAVAILABLE at once, recovery by itself when it is back', async () => {
    await outage(
      () => proxy.close(),
      () => proxy.open(),
    );
  }, 60_000);

  it('MySQL hung mid-reply: requests time out into 503 instead of hanging, and recover', async () => {
    await outage(
      () => proxy.freeze(),
      () => proxy.thaw(),
    );
  }, 60_000);
});
