// Test helper: a uniquely named database on the machine's MariaDB/MySQL, dropped afterwards.
import { createConnection } from 'mysql2/promise';

/** The server tests use (root, no password, on this machine and in CI); MYSQL_TEST_URL overrides it. */
export const MYSQL_TEST_SERVER = process.env.MYSQL_TEST_URL ?? 'mysql://root@127.0.0.1:3306';

/** A fresh database: its URL, and `drop()` to remove it. */
export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Runs one statement on `server` over a connection of its own (administration, not the store). */
export async function queryServer<T>(sql: string, server = MYSQL_TEST_SERVER): Promise<T> {
  const c = await createConnection({ uri: server, connectTimeout: 5_000 });
  try {
    return (await c.query(sql))[0] as T;
  } finally {
    await c.end();
  }
}

/** Creates `mpchat_test_<random>` (utf8mb4) and returns its URL. */
export async function createTestDatabase(server = MYSQL_TEST_SERVER): Promise<TestDatabase> {
  const name = `mpchat_test_${crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = (sql: string) => queryServer(sql, server);
  await admin(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  return { name, url: `${server.replace(/\/$/, '')}/${name}`, drop: async () => void (await admin(`DROP DATABASE IF EXISTS \`${name}\``)) };
}
