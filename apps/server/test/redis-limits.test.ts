import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteKeys, REDIS_URL, spawnServer, stopServer, testPrefix, type ServerProcess } from '@mpchat/testkit';
import { newSessionId, ts } from '../src/testing/test-server.js';
import type { TestSocket } from '../src/testing/ws-client.js';
import { apiAs } from './auth-client.js';

// Two instances on one Redis (no sticky sessions): a client's budget is one budget, whichever
// instance it reaches, and a session opened on one is refused to another user on the other.
const prefix = testPrefix();
let a: ServerProcess;
let b: ServerProcess;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  const env = {
    STORE: 'redis',
    REDIS_URL,
    REDIS_PREFIX: prefix,
    ENGINE: 'kb',
    KB_CHUNK_DELAY_MS: '0',
    AUTH: 'wx-cloud',
    AUTH_WX_HEADERS_TRUSTED: 'true',
    LIMIT_MESSAGES_PER_MINUTE: '6',
    LIMIT_SOCKETS: '2',
    SHUTDOWN_GRACE: '1s',
  };
  [a, b] = await Promise.all([spawnServer(env, 40_000), spawnServer(env, 40_000)]);
}, 60_000);

afterAll(async () => {
  for (const sock of sockets.splice(0)) sock.ws.terminate();
  await Promise.all([a, b].filter(Boolean).map((s) => stopServer(s)));
  await deleteKeys(REDIS_URL, prefix);
}, 30_000);

const as = (s: ServerProcess, openid: string) => apiAs(s.url, { 'X-WX-OPENID': openid, 'X-WX-SOURCE': 'wx_client' });

describe('per-client limits shared by two instances on Redis', () => {
  it('counts an abuser’s messages on both instances against one budget, while another user chats', async () => {
    const sid = newSessionId();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await as(i % 2 === 0 ? a : b, 'o-script').send(sid, `问题${i}`, ts(i))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
    const r = await as(b, 'o-script').send(sid, '再来', ts(9));
    expect(r.body).toMatchObject({ code: 429, error: 'RATE_LIMITED', retryable: true });
    const other = newSessionId();
    expect((await as(a, 'o-student').send(other, '你好', ts())).status).toBe(200);
    expect((await as(b, 'o-student').receive(other, { wait: 10 })).body).toMatchObject({ code: 200, data: { seq: 1 } });
  });

  it('counts an abuser’s sockets on both instances against one limit', async () => {
    sockets.push(await as(a, 'o-sockets').socket(a.wsUrl, newSessionId()));
    sockets.push(await as(b, 'o-sockets').socket(b.wsUrl, newSessionId()));
    for (const s of [a, b]) {
      const refusal = await as(s, 'o-sockets').refusedUpgrade(s.wsUrl, newSessionId());
      expect(refusal).toMatchObject({ status: 429, body: { code: 429, error: 'RATE_LIMITED' } });
    }
    sockets.push(await as(b, 'o-student2').socket(b.wsUrl, newSessionId()));
  });

  it('answers another user 404 on the other instance', async () => {
    const sid = newSessionId();
    expect((await as(a, 'o-alice').send(sid, '你好', ts())).status).toBe(200);
    expect((await as(b, 'o-bob').receive(sid)).body).toMatchObject({ code: 404, error: 'SESSION_NOT_FOUND' });
    expect(await as(b, 'o-bob').refusedUpgrade(b.wsUrl, sid)).toMatchObject({ status: 404 });
    expect((await as(b, 'o-alice').receive(sid, { wait: 10 })).body).toMatchObject({ code: 200, data: { seq: 1 } });
  });
});
