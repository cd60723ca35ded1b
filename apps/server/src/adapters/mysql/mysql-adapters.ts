import type { Logger } from 'pino';
import type { Adapters } from '../../ports/adapter-profile.js';
import { LocalBus } from '../local/local-bus.js';
import { LocalQueue } from '../local/local-queue.js';
import { migrate } from './mysql-migrate.js';
import { openMysql, type MysqlDb } from './mysql-pool.js';
import { MysqlStore } from './mysql-store.js';

/** What {@link createMysqlAdapters} reads from the configuration. */
export interface MysqlAdapterSettings {
  MYSQL_URL: string;
  MYSQL_CONNECTIONS: number;
  /** Set: several instances (Redis bus + BullMQ queue). Unset: one instance, in-process bus and queue. */
  REDIS_URL?: string | undefined;
  REDIS_PREFIX: string;
  REDIS_JOB_LOCK_MS: number;
  REDIS_WORKER: boolean;
  GENERATION_CONCURRENCY: number;
}

// How long startup retries reaching MySQL for its migrations before giving up (a container restarts it).
const STARTUP_WAIT_MS = 20_000;

/**
 * The MySQL store, with an in-process bus and queue (one instance), or with Redis's bus and
 * BullMQ queue when `REDIS_URL` is set (several instances share MySQL for data). Applies the
 * migrations before anything is served; throws a one-line error when MySQL stays unreachable.
 */
export async function createMysqlAdapters(
  config: MysqlAdapterSettings,
  log: Logger,
): Promise<Adapters> {
  const mlog = log.child({ component: 'mysql' });
  const db = openMysql({ url: config.MYSQL_URL, connections: config.MYSQL_CONNECTIONS });
  const applied = await migrateWhenReachable(db, mlog);
  if (applied.length > 0) mlog.info({ versions: applied }, 'mysql migrations applied');
  if (!config.REDIS_URL) {
    return {
      store: new MysqlStore(db),
      bus: new LocalBus(),
      queue: new LocalQueue(config.GENERATION_CONCURRENCY),
      // Reconcile too: a turn whose checkpoint or settle met a MySQL outage is picked up again once it is back.
      profile: { checkpointMs: 250, recoverOnStart: true, reconcileIntervalMs: 5_000 },
    };
  }
  const redis = await import('../redis/redis-adapters.js');
  const shared = await redis.createRedisAdapters({ ...config, REDIS_URL: config.REDIS_URL }, log);
  // Redis's store is not used for data; it owns the connection the bus and queue share, closed last with ours.
  // Partial text lives in MySQL (checkpointed); a dead instance's turns are picked up by the reconciler.
  return {
    store: new MysqlStore(db, () => shared.store.close()),
    bus: shared.bus,
    queue: shared.queue,
    profile: { checkpointMs: 250, recoverOnStart: false, reconcileIntervalMs: 10_000 },
    // Per-client limits count in Redis too, so a client has one budget across the instances.
    ...(shared.limitStore ? { limitStore: shared.limitStore } : {}),
  };
}

async function migrateWhenReachable(db: MysqlDb, log: Logger): Promise<number[]> {
  const deadline = Date.now() + STARTUP_WAIT_MS;
  for (let warned = false; ; ) {
    try {
      return await migrate(db);
    } catch (err) {
      const code = (err as { code?: string }).code;
      const transient = code && /^(E[A-Z]+|PROTOCOL_.*|ER_CON_COUNT_ERROR|ER_SERVER_SHUTDOWN)$/.test(code) && !/^ER_(ACCESS|BAD_DB|DBACCESS)/.test(code);
      if (!transient || Date.now() > deadline) {
        await db.close();
        throw new Error(`[mysql] cannot prepare the database at MYSQL_URL: ${(err as Error).message || code}`, { cause: err });
      }
      if (!warned) log.warn({ code }, 'mysql not reachable yet; retrying');
      warned = true;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
