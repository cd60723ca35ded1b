import type { Logger } from 'pino';
import { DEFAULT_REDIS_URL, type Config } from '../config/config.js';
import type { Adapters } from '../ports/adapter-profile.js';
import { LocalBus } from './local/local-bus.js';
import { LOCAL_PROFILE } from './local/local-profile.js';
import { LocalQueue } from './local/local-queue.js';
import { MemoryStore } from './memory/memory-store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';

/**
 * Builds the adapters the configuration names (STORE), each with its profile. SQLite and memory
 * run one instance with an in-process bus and queue; Redis shares all three between instances;
 * MySQL runs alone, or with Redis for the bus and queue when REDIS_URL is set.
 * The composition root (app.ts) never asks which one it got: it reads the profile.
 */
export async function createAdapters(config: Config, log: Logger): Promise<Adapters> {
  switch (config.STORE) {
    case 'sqlite':
      return { store: new SqliteStore(config.SQLITE_PATH), ...localBusAndQueue(config) };
    case 'memory':
      return { store: new MemoryStore(), ...localBusAndQueue(config) };
    case 'redis':
      // Loaded on demand: instances on the embedded default never load ioredis or BullMQ.
      return (await import('./redis/redis-adapters.js')).createRedisAdapters({ ...config, REDIS_URL: config.REDIS_URL ?? DEFAULT_REDIS_URL }, log);
    case 'mysql':
      // Loaded on demand, like Redis. MYSQL_URL is checked by loadConfig; REDIS_URL, when set, adds the shared bus and queue.
      return (await import('./mysql/mysql-adapters.js')).createMysqlAdapters({ ...config, MYSQL_URL: config.MYSQL_URL! }, log);
  }
}

/** The in-process bus and queue of a single instance, with its profile. */
export function localBusAndQueue(config: Pick<Config, 'GENERATION_CONCURRENCY'>): Omit<Adapters, 'store'> {
  return { bus: new LocalBus(), queue: new LocalQueue(config.GENERATION_CONCURRENCY), profile: LOCAL_PROFILE };
}
