// Everything a store holds, read raw, for the forget tests: every row of every table (SQLite,
// MySQL), every key under the prefix with its contents (Redis), the memory store's state. A test
// then looks for a student's traces (session ids, openid, question text) in what is left.
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { createConnection } from 'mysql2/promise';

/** Every row of every table of a SQLite file, as text (table name first). */
export function sqliteDump(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    return tables.flatMap(({ name }) => (db.prepare(`SELECT * FROM "${name}"`).all() as unknown[]).map((row) => `${name} ${JSON.stringify(row)}`));
  } finally {
    db.close();
  }
}

/** Every row of every table of a MySQL database, as text (table name first). */
export async function mysqlDump(url: string): Promise<string[]> {
  const c = await createConnection({ uri: url });
  try {
    const [tables] = (await c.query('SHOW TABLES')) as unknown as [Record<string, string>[]];
    const out: string[] = [];
    for (const t of tables) {
      const name = Object.values(t)[0]!;
      const [rows] = (await c.query(`SELECT * FROM \`${name}\``)) as unknown as [unknown[]];
      for (const row of rows) out.push(`${name} ${JSON.stringify(row)}`);
    }
    return out;
  } finally {
    await c.end();
  }
}

/** Every key under `prefix` with its whole content, as text (key name first). */
export async function redisDump(url: string, prefix: string): Promise<string[]> {
  const r = new Redis(url, { lazyConnect: true });
  await r.connect();
  try {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    const out: string[] = [];
    for (const key of keys) {
      const type = await r.type(key);
      const content =
        type === 'hash' ? await r.hgetall(key)
        : type === 'zset' ? await r.zrange(key, 0, -1, 'WITHSCORES')
        : type === 'set' ? await r.smembers(key)
        : type === 'list' ? await r.lrange(key, 0, -1)
        : type === 'stream' ? await r.xrange(key, '-', '+')
        : await r.get(key);
      out.push(`${key} ${JSON.stringify(content)}`);
    }
    return out;
  } finally {
    r.disconnect();
  }
}

/** The memory store's whole state (its private maps), as text. */
export function memoryDump(store: object): string[] {
  return Object.values(store)
    .filter((v): v is Map<unknown, unknown> => v instanceof Map)
    .flatMap((m) => [...m].map(([k, v]) => JSON.stringify([k, v])));
}

/** The lines of `dump` that mention any of `needles`. */
export const mentioning = (dump: string[], needles: string[]): string[] => dump.filter((line) => needles.some((n) => line.includes(n)));
