import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateSqlite, SQLITE_MIGRATIONS } from './sqlite-migrate.js';
import { SQLITE_SCHEMA } from './sqlite-schema.js';
import { SqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'mpchat-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migrateSqlite', () => {
  it('applies every migration once, then nothing on the next open', () => {
    const db = new Database(join(dir, 'a.db'));
    expect(migrateSqlite(db)).toEqual(SQLITE_MIGRATIONS.map((m) => m.version).sort((a, b) => a - b));
    expect(migrateSqlite(db)).toEqual([]);
    db.close();
  });

  it('adopts a file made before versioning and applies only the newer versions, in order', () => {
    const db = new Database(join(dir, 'b.db'));
    db.exec(SQLITE_SCHEMA);
    db.prepare("INSERT INTO sessions (id, created_at, last_active_at, last_seq) VALUES ('s', 1, 1, 0)").run();
    const extra = [
      ...SQLITE_MIGRATIONS,
      { version: 1009, name: 'second', sql: 'ALTER TABLE sessions ADD COLUMN b TEXT' },
      { version: 1007, name: 'first', sql: 'ALTER TABLE sessions ADD COLUMN a TEXT' },
    ];
    expect(migrateSqlite(db, extra)).toEqual([...SQLITE_MIGRATIONS.map((m) => m.version).sort((a, b) => a - b), 1007, 1009]);
    expect(db.prepare('SELECT id, a, b FROM sessions').all()).toEqual([{ id: 's', a: null, b: null }]);
    db.close();
  });

  it('rolls back a failing migration and applies it on a later open', () => {
    const db = new Database(join(dir, 'c.db'));
    const broken = [...SQLITE_MIGRATIONS, { version: 1002, name: 'broken', sql: 'ALTER TABLE sessions ADD COLUMN x TEXT; SELECT nonsense FROM nowhere' }];
    expect(() => migrateSqlite(db, broken)).toThrow(/nowhere/);
    const columns = (db.prepare('PRAGMA table_info(sessions)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain('x');
    expect(migrateSqlite(db, [...SQLITE_MIGRATIONS, { version: 1002, name: 'fixed', sql: 'ALTER TABLE sessions ADD COLUMN x TEXT' }])).toEqual([1002]);
    db.close();
  });

  it('refuses a file a newer build has migrated, and changes nothing', () => {
    const db = new Database(join(dir, 'newer.db'));
    migrateSqlite(db, [...SQLITE_MIGRATIONS, { version: 1050, name: 'from the future', sql: 'CREATE TABLE future (x TEXT)' }]);
    const older = [...SQLITE_MIGRATIONS, { version: 1040, name: 'not applied yet', sql: 'CREATE TABLE pending (x TEXT)' }];
    expect(() => migrateSqlite(db, older)).toThrow(/^\[sqlite\] the database has schema version 1050, which this build does not know: .*\(SCHEMA_TOO_NEW\)$/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'pending'").all()).toEqual([]);
    db.close();
  });

  it('opens a file made before the teachers\' records, reading its turns as the engine\'s, not known to match, settle time unknown', async () => {
    const path = join(dir, 'before-records.db');
    const old = new Database(path);
    migrateSqlite(old, SQLITE_MIGRATIONS.filter((m) => m.version < 22));
    old.exec(`INSERT INTO sessions (id, created_at, last_active_at, last_seq, owner, student) VALUES ('s-old', 1000, 2000, 2, 'wx:o-old', 'st-old');
      INSERT INTO turns (session_id, seq, content, timestamp, received_at, status, reply, reply_timestamp)
      VALUES ('s-old', 1, '请问BGP协议实验ping不通怎么办?', '2023/11/03 15:30:00', 1000, 'completed', '先检查邻居', '2023/11/03 15:30:02'),
             ('s-old', 2, 'OSPF', '2023/11/03 15:31:00', 2000, 'pending', '', NULL);`);
    old.close();

    const store = new SqliteStore(path);
    try {
      const t = await store.getTurn('s-old', 1);
      expect(t).toMatchObject({ status: 'completed', reply: '先检查邻居', matched: null, settledAt: null });
      expect(t?.author).toBeUndefined();
      expect(await store.listSessions({ limit: 10 })).toEqual([expect.objectContaining({ id: 's-old', student: 'st-old', firstQuestion: '请问BGP协议实验ping不通怎么办?' })]);
      // The old pending turn settles with the new columns.
      expect(await store.settleTurn('s-old', 2, { status: 'completed', reply: '没有找到', replyTimestamp: '2023/11/03 15:31:02', matched: false, settledAt: 2_500 })).toBe(true);
      expect(await store.getTurn('s-old', 2)).toMatchObject({ matched: false, settledAt: 2_500 });
    } finally {
      await store.close();
    }
  });
});
