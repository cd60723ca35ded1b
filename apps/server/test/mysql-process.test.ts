import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../src/adapters/mysql/testing/mysql-test-db.js';
import { spawnServer, stopServer } from '@mpchat/testkit';
import { get, newSessionId, post, receiveFinal, ts } from '../src/testing/test-server.js';
import { kbReplies } from './redis-servers.js';

const QUESTION = '请问BGP协议实验ping不通怎么办?';
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

describe('the server on MySQL as a process', () => {
  it('answers a reply that a SIGKILL interrupted after restarting on the same database', async () => {
    // REDIS_URL empty: one instance on MySQL alone (in-process queue, recovery at start).
    const env = { STORE: 'mysql', MYSQL_URL: db.url, REDIS_URL: '', KB_CHUNK_DELAY_MS: '60' };
    const a = await spawnServer(env, 40_000);
    const sid = newSessionId();
    await post(`${a.url}/mpweixin/chatbot/send`, { sessionId: sid, content: QUESTION, timestamp: ts() });
    // Wait until the reply is visibly in progress (checkpointed to MySQL), then kill without warning.
    await expect
      .poll(async () => (await get(`${a.url}/mpweixin/chatbot/receive`, { sessionId: sid })).body.data?.content ?? '', { timeout: 20_000, interval: 50 })
      .not.toBe('');
    a.proc.kill('SIGKILL');
    expect((await a.exited).signal).toBe('SIGKILL');

    const b = await spawnServer({ ...env, KB_CHUNK_DELAY_MS: '0' }, 40_000);
    try {
      expect(b.output()).toMatch(/scheduling unanswered messages/);
      const r = await receiveFinal(b.url, { sessionId: sid }, 20_000);
      expect(r.body.code).toBe(200);
      expect(r.body.data.content).toBe((await kbReplies([QUESTION])).get(QUESTION));
      expect(r.body.data.seq).toBe(1);
      // Exactly one turn: the restart did not duplicate the message.
      const next = await get(`${b.url}/mpweixin/chatbot/receive`, { sessionId: sid, after: 1 });
      expect(next.body.error).toBe('NO_SUCH_MESSAGE');
    } finally {
      await stopServer(b);
    }
  }, 120_000);

  it('stops at start-up with one line when MySQL refuses the credentials', async () => {
    const bad = db.url.replace('mysql://root@', 'mysql://nobody:wrong@');
    await expect(spawnServer({ STORE: 'mysql', MYSQL_URL: bad, REDIS_URL: '' }, 40_000)).rejects.toThrow(/mpchat: cannot start: \[mysql\] cannot prepare the database at MYSQL_URL: Access denied/);
  }, 60_000);

  it('refuses STORE=sqlite on 微信云托管 with one line naming the fix', async () => {
    await expect(spawnServer({ DEPLOY_TARGET: 'wxcloudrun', STORE: 'sqlite' }, 40_000)).rejects.toThrow(
      /mpchat: invalid configuration: STORE=sqlite loses data on 微信云托管 \(no persistent disk\): set STORE=mysql and MYSQL_URL/,
    );
  }, 60_000);
});
