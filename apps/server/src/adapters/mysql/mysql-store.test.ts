import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeStore } from '../../testing/store-conformance.js';
import { migrate } from './mysql-migrate.js';
import { MYSQL_MIGRATIONS } from './mysql-schema.js';
import { openMysql } from './mysql-pool.js';
import { MysqlStore } from './mysql-store.js';
import { createTestDatabase, type TestDatabase } from './testing/mysql-test-db.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

/** A store on this file's database, emptied: each conformance test starts from nothing. */
async function freshStore(): Promise<MysqlStore> {
  const pool = openMysql({ url: db.url });
  await migrate(pool);
  await pool.query('DELETE FROM mpchat_turns');
  await pool.query('DELETE FROM mpchat_sessions');
  await pool.query('DELETE FROM mpchat_feedback');
  await pool.query('DELETE FROM mpchat_secrets');
  await pool.query('DELETE FROM mpchat_kb_versions');
  await pool.query('DELETE FROM mpchat_moderation_log');
  await pool.query('DELETE FROM mpchat_unanswered_groups');
  return new MysqlStore(pool);
}

describeStore('mysql', freshStore);

const SID = '80d5a793-0d16-4c15-9246-f6bc87e77ed6';
const append = (store: MysqlStore, content: string, extra: { clientMsgId?: string; sessionId?: string } = {}) =>
  store.appendTurn({ sessionId: SID, content, timestamp: '2023/11/03 15:30:00', now: 1, maxPending: 100, maxLiveSessions: 100, maxTurns: 0, ...extra });

describe('MysqlStore on MariaDB', () => {
  it('keeps Chinese text and emoji exactly, and tells apart content that differs only in trailing spaces', async () => {
    const store = await freshStore();
    try {
      const text = '请问BGP协议实验ping不通怎么办? 🤔🚀 Ünïcödé';
      expect((await append(store, text)).kind).toBe('created');
      expect((await store.getTurn(SID, 1))?.content).toBe(text);
      expect((await append(store, 'hi')).kind).toBe('created');
      expect((await append(store, 'hi ')).kind).toBe('created');
      expect((await append(store, 'hi ')).kind).toBe('duplicate');
      expect(await store.startTurn(SID, 1)).toBe(true);
      await store.settleTurn(SID, 1, { status: 'completed', reply: '先检查邻居 ✅', replyTimestamp: '2023/11/03 15:30:02', sources: [{ title: '路由 🧭' }] });
      expect(await store.getTurn(SID, 1)).toMatchObject({ reply: '先检查邻居 ✅', sources: [{ title: '路由 🧭' }] });
    } finally {
      await store.close();
    }
  });

  it('numbers concurrent sends of one new session 1..N without gaps, duplicates or lost sends', async () => {
    const stores = await Promise.all([freshStore(), freshStore()]);
    try {
      const ids = Array.from({ length: 20 }, () => crypto.randomUUID());
      const outcomes = await Promise.all(ids.map((id, i) => append(stores[i % 2]!, `q${i}`, { clientMsgId: id })));
      expect(outcomes.every((o) => o.kind === 'created')).toBe(true);
      const seqs = outcomes.map((o) => (o.kind === 'created' ? o.turn.seq : 0)).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      // The same ids again, concurrently: every one recognised, nothing added.
      const again = await Promise.all(ids.map((id, i) => append(stores[(i + 1) % 2]!, `q${i}`, { clientMsgId: id })));
      expect(again.map((o) => o.kind)).toEqual(ids.map(() => 'duplicate'));
      expect((await stores[0]!.getSession(SID))?.lastSeq).toBe(20);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('starts a turn exactly once when two instances race for it', async () => {
    const [a, b] = await Promise.all([freshStore(), freshStore()]);
    try {
      await append(a, 'x');
      const won = await Promise.all([a.startTurn(SID, 1), b.startTurn(SID, 1), a.startTurn(SID, 1), b.startTurn(SID, 1)]);
      expect(won.filter(Boolean)).toHaveLength(1);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('applies its migrations once when several instances start together', async () => {
    const fresh = await createTestDatabase();
    const pools = Array.from({ length: 4 }, () => openMysql({ url: fresh.url }));
    try {
      const applied = await Promise.all(pools.map((p) => migrate(p)));
      const versions = MYSQL_MIGRATIONS.map((m) => m.version).sort((x, y) => x - y);
      expect(applied.flat().sort((x, y) => x - y)).toEqual(versions);
      const rows = await pools[0]!.query<{ version: number }[]>('SELECT version FROM mpchat_schema_migrations');
      expect(rows.map((r) => r.version).sort((x, y) => x - y)).toEqual(versions);
    } finally {
      await Promise.all(pools.map((p) => p.close()));
      await fresh.drop();
    }
  });

  it('refuses a database a newer build has migrated (an older build started after an upgrade)', async () => {
    const fresh = await createTestDatabase();
    const pool = openMysql({ url: fresh.url });
    try {
      await migrate(pool);
      await pool.query('INSERT INTO mpchat_schema_migrations (version, name, applied_at) VALUES (1999, ?, 0)', ['from the future']);
      await expect(migrate(pool)).rejects.toThrow(/^\[mysql\] the database has schema version 1999, which this build does not know: .*\(SCHEMA_TOO_NEW\)$/);
      // The refusal released the migration lock: the next start is not kept waiting.
      const [lock] = await pool.query<{ free: number }[]>("SELECT IS_FREE_LOCK('mpchat_migrations') AS free");
      expect(lock!.free).toBe(1);
    } finally {
      await pool.close();
      await fresh.drop();
    }
  });

  it("opens a database made before the teachers' records, reading its turns as the engine's, not known to match, settle time unknown", async () => {
    const fresh = await createTestDatabase();
    const pool = openMysql({ url: fresh.url });
    try {
      // The schema as the build before this one left it, with a settled and a pending turn.
      for (const m of MYSQL_MIGRATIONS.filter((x) => x.version < 22)) for (const sql of m.statements) await pool.query(sql);
      await pool.query('CREATE TABLE mpchat_schema_migrations (version INT NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL)');
      for (const m of MYSQL_MIGRATIONS.filter((x) => x.version < 22)) await pool.query('INSERT INTO mpchat_schema_migrations VALUES (?, ?, 0)', [m.version, m.name]);
      await pool.query("INSERT INTO mpchat_sessions (id, created_at, last_active_at, last_seq, owner, student) VALUES (?, 1000, 2000, 2, 'wx:o-old', 'st-old')", [SID]);
      await pool.query(
        `INSERT INTO mpchat_turns (session_id, seq, content, ts, received_at, status, reply, reply_timestamp, sources) VALUES
         (?, 1, '请问BGP协议实验ping不通怎么办?', '2023/11/03 15:30:00', 1000, 'completed', '先检查邻居', '2023/11/03 15:30:02', '[]'),
         (?, 2, 'OSPF', '2023/11/03 15:31:00', 2000, 'pending', '', NULL, '[]')`,
        [SID, SID],
      );
      expect(await migrate(pool)).toEqual([22]);
      const store = new MysqlStore(pool);
      const t = await store.getTurn(SID, 1);
      expect(t).toMatchObject({ status: 'completed', reply: '先检查邻居', matched: null, settledAt: null });
      expect(t?.author).toBeUndefined();
      expect(await store.listSessions({ limit: 10 })).toEqual([expect.objectContaining({ id: SID, student: 'st-old', firstQuestion: '请问BGP协议实验ping不通怎么办?' })]);
      expect(await store.settleTurn(SID, 2, { status: 'completed', reply: '没有找到', replyTimestamp: '2023/11/03 15:31:02', matched: false, settledAt: 2_500 })).toBe(true);
      expect(await store.getTurn(SID, 2)).toMatchObject({ matched: false, settledAt: 2_500 });
      // Running the migration's statements again (a crash before it was recorded) changes nothing.
      await pool.query('DELETE FROM mpchat_schema_migrations WHERE version = 22');
      expect(await migrate(pool)).toEqual([22]);
    } finally {
      await pool.close();
      await fresh.drop();
    }
  });
});
