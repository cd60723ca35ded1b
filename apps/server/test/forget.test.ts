import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deleteKeys, REDIS_URL, startFakeWechat, testPrefix, type FakeWechat } from '@mpchat/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../src/adapters/memory/memory-store.js';
import { migrate } from '../src/adapters/mysql/mysql-migrate.js';
import { openMysql } from '../src/adapters/mysql/mysql-pool.js';
import { MysqlStore } from '../src/adapters/mysql/mysql-store.js';
import { createTestDatabase } from '../src/adapters/mysql/testing/mysql-test-db.js';
import { createRedisConnection, waitUntilReady } from '../src/adapters/redis/redis-connection.js';
import { RedisStore } from '../src/adapters/redis/redis-store.js';
import { SqliteStore } from '../src/adapters/sqlite/sqlite-store.js';
import type { ChatStore } from '../src/ports/store.js';
import { newSessionId, startTestServer, ts } from '../src/testing/test-server.js';
import { apiAs } from './auth-client.js';
import { memoryDump, mentioning, mysqlDump, redisDump, sqliteDump } from './store-leftovers.js';

// 清除我的记录 on a real server (AUTH=wx-login, fake WeChat API), on every store: after POST /forget
// nothing of the student is left in any table or Redis key, and nothing of anyone else is gone.
const SECRET = 'a-test-secret-that-is-at-least-32-bytes-long';
const dir = mkdtempSync(join(tmpdir(), 'mpchat-forget-'));
const prefix = testPrefix();
const cleanups: (() => Promise<unknown>)[] = [() => deleteKeys(REDIS_URL, prefix)];
afterAll(() => Promise.all(cleanups.map((c) => c())));

/** A store and how to read everything it holds. */
type Made = { store: ChatStore; dump: () => Promise<string[]> | string[] };

const stores: [string, () => Promise<Made>][] = [
  ['memory', async () => {
    const store = new MemoryStore();
    return { store, dump: () => memoryDump(store) };
  }],
  ['sqlite', async () => {
    const path = join(dir, `forget-${crypto.randomUUID()}.db`);
    return { store: new SqliteStore(path), dump: () => sqliteDump(path) };
  }],
  ['mysql', async () => {
    const db = await createTestDatabase();
    cleanups.push(() => db.drop());
    const pool = openMysql({ url: db.url });
    await migrate(pool);
    return { store: new MysqlStore(pool), dump: () => mysqlDump(db.url) };
  }],
  ['redis', async () => {
    const client = createRedisConnection(REDIS_URL, 'command');
    await waitUntilReady(client, 5_000);
    return { store: new RedisStore(client, prefix), dump: () => redisDump(REDIS_URL, prefix) };
  }],
];

describe.each(stores)('forget on %s', (_name, make) => {
  let wx: FakeWechat;

  it('leaves no row or key of the student, and keeps everyone else’s', async () => {
    wx = await startFakeWechat();
    const { store, dump } = await make();
    const s = await startTestServer({
      store,
      env: { AUTH: 'wx-login', AUTH_SECRET: SECRET, WX_APPID: wx.appid, WX_SECRET: wx.secret, WX_API_BASE: wx.url },
    });
    try {
      let codes = 0;
      const as = async (openid: string) => {
        wx.addLoginCode(`c-${++codes}`, { openid });
        const token = (await apiAs(s.url).login(`c-${codes}`)).body.data.token as string;
        return apiAs(s.url, { Authorization: `Bearer ${token}` });
      };
      const [alice, bob] = [await as('o-alice-forget'), await as('o-bob-forget')];
      const ask = async (api: typeof alice, sid: string, content: string, at: number) => {
        expect((await api.send(sid, content, ts(at))).status).toBe(200);
        expect((await api.receive(sid, { wait: 10 })).body.code).toBe(200);
      };
      const [a1, a2, a3, b1] = [newSessionId(), newSessionId(), newSessionId(), newSessionId()];
      await ask(alice, a1, '爱丽丝的第一个问题', 0);
      await ask(alice, a1, '爱丽丝的第二个问题', 1);
      expect((await alice.feedback(a1, 1, 'down')).status).toBe(200);
      await alice.destroy(a1);
      await ask(alice, a2, '爱丽丝还在问', 2);
      expect((await alice.continueIn(a3, a1, '爱丽丝继续问', ts(3))).status).toBe(200);
      expect((await alice.receive(a3, { wait: 10 })).body.code).toBe(200);
      await ask(bob, b1, '鲍勃的问题', 4);
      expect((await bob.feedback(b1, 1, 'up')).status).toBe(200);
      const traces = [a1, a2, a3, 'o-alice-forget', '爱丽丝'];
      expect(mentioning(await dump(), traces).length).toBeGreaterThan(0);

      const r = await alice.forget();
      expect(r.body).toMatchObject({ code: 200, data: { sessions: 3, turns: 4, feedback: 1, moderation: 0 } });
      expect(mentioning(await dump(), traces)).toEqual([]);
      expect((await alice.sessions()).body.data.items).toEqual([]);
      expect((await alice.history(a1)).body).toMatchObject({ code: 404, error: 'SESSION_NOT_FOUND' });
      // Bob keeps everything.
      expect(mentioning(await dump(), [b1, '鲍勃的问题']).length).toBeGreaterThan(0);
      expect((await bob.sessions()).body.data.items.map((x: { sessionId: string }) => x.sessionId)).toEqual([b1]);
      expect((await bob.history(b1)).body.data.items).toHaveLength(1);
    } finally {
      await s.close();
      await wx.close();
    }
  });
});
