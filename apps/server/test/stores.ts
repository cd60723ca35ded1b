import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { migrate } from '../src/adapters/mysql/mysql-migrate.js';
import { openMysql } from '../src/adapters/mysql/mysql-pool.js';
import { MysqlStore } from '../src/adapters/mysql/mysql-store.js';
import { createTestDatabase, type TestDatabase } from '../src/adapters/mysql/testing/mysql-test-db.js';
import type { ChatStore } from '../src/ports/store.js';
import { MemoryStore } from '../src/adapters/memory/memory-store.js';
import { SqliteStore } from '../src/adapters/sqlite/sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'mpchat-http-'));
let n = 0;
const databases: TestDatabase[] = [];
afterAll(async () => {
  await Promise.all(databases.splice(0).map((d) => d.drop()));
});

/** A MySQL store on a fresh database of the machine's MariaDB (dropped after the file's tests). */
async function mysqlStore(): Promise<ChatStore> {
  const db = await createTestDatabase();
  databases.push(db);
  const pool = openMysql({ url: db.url });
  await migrate(pool);
  return new MysqlStore(pool);
}

/** The stores every HTTP test runs against: memory, SQLite on a real file, and MySQL. */
export const STORES: [string, () => ChatStore | Promise<ChatStore>][] = [
  ['memory', () => new MemoryStore()],
  ['sqlite', () => new SqliteStore(join(dir, `t${n++}.db`))],
  ['mysql', mysqlStore],
];
