import { createPool, type Pool, type PoolConnection } from 'mysql2/promise';
import { StoreUnavailableError } from '../../ports/store.js';
import { isRetryable, toStoreError } from './mysql-errors.js';

/** Connection settings: every wait is bounded so a request never hangs on a dead or hung MySQL. */
export interface MysqlPoolSettings {
  url: string;
  /** Pool size per instance. */
  connections?: number;
  /** Opening a connection (TCP + handshake) gives up after this long. */
  connectTimeoutMs?: number;
  /** One statement gives up after this long (mysql2 then destroys its connection). */
  queryTimeoutMs?: number;
  /** Statements that may wait for a connection at once; beyond it a statement fails at once as STORE_UNAVAILABLE. */
  queueLimit?: number;
}

/** Runs one statement inside a transaction. */
export type Run = <R>(sql: string, values?: unknown[]) => Promise<R>;

/** A pool plus bounded statements and transactions; every failure passes through {@link toStoreError}. */
export interface MysqlDb {
  pool: Pool;
  /** Runs one statement on any pooled connection. */
  query<T>(sql: string, values?: unknown[]): Promise<T>;
  /** Runs `work` in a transaction (READ COMMITTED), retried a few times when a racing writer won. */
  transaction<T>(work: (run: Run) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Opens a mysql2 pool on `MYSQL_URL` (utf8mb4, READ COMMITTED so that a lookup of a missing row
 * takes no gap lock: two first sends of one new session race on the primary key instead of
 * deadlocking, and the loser simply runs again).
 *
 * @example
 * const db = openMysql({ url: 'mysql://mpchat:secret@127.0.0.1:3306/mpchat' });
 * await db.query('SELECT 1');
 */
export function openMysql(settings: MysqlPoolSettings): MysqlDb {
  const connectTimeout = settings.connectTimeoutMs ?? 2_000;
  const queryTimeout = settings.queryTimeoutMs ?? 5_000;
  const pool = createPool({
    uri: settings.url,
    charset: 'UTF8MB4_BIN',
    connectionLimit: settings.connections ?? 10,
    connectTimeout,
    waitForConnections: true,
    // Bounded: a burst beyond this answers 503 rather than queueing without end.
    queueLimit: settings.queueLimit ?? 1_000,
    enableKeepAlive: true,
    idleTimeout: 60_000,
    supportBigNumbers: true,
  });
  pool.pool.on('connection', (conn) => {
    conn.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
  });
  // A connection waits in the queue while all are busy: give up as a request would.
  const acquire = async (): Promise<PoolConnection> => {
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const got = pool.getConnection();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        reject(new StoreUnavailableError(`[mysql] no connection within ${connectTimeout + queryTimeout} ms`));
      }, connectTimeout + queryTimeout);
    });
    try {
      return await Promise.race([got, timeout]);
    } finally {
      clearTimeout(timer);
      if (timedOut) got.then((c) => c.release(), () => undefined);
    }
  };
  const query = async <T>(sql: string, values?: unknown[]): Promise<T> => {
    try {
      const [rows] = await pool.query({ sql, timeout: queryTimeout }, values);
      return rows as T;
    } catch (err) {
      throw toStoreError(err);
    }
  };
  const transaction = async <T>(work: (run: Run) => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      let conn: PoolConnection | undefined;
      try {
        conn = await acquire();
        const c = conn;
        const run = async <R>(sql: string, values?: unknown[]): Promise<R> => {
          const [rows] = await c.query({ sql, timeout: queryTimeout }, values);
          return rows as R;
        };
        await run('START TRANSACTION');
        const result = await work(run);
        await run('COMMIT');
        conn.release();
        return result;
      } catch (err) {
        if (conn) {
          const c = conn;
          // A broken or hung connection is dropped (no ROLLBACK to wait for: MySQL rolls back when it goes);
          // a healthy one is rolled back and reused.
          if (toStoreError(err) instanceof StoreUnavailableError) c.destroy();
          else await c.query({ sql: 'ROLLBACK', timeout: queryTimeout }).then(() => c.release(), () => c.destroy());
        }
        if (attempt < 4 && isRetryable(err)) continue;
        throw toStoreError(err);
      }
    }
  };
  return {
    pool,
    query,
    transaction,
    close: async () => {
      await pool.end().catch(() => undefined);
    },
  };
}
