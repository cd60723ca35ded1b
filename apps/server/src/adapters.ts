import type { Logger } from 'pino';
import { LocalBus } from './chat/local-bus.js';
import { LocalQueue } from './chat/local-queue.js';
import type { AdapterProfile } from './adapters/mysql/mysql-adapters.js';
import { DEFAULT_REDIS_URL, type Config } from './config/config.js';
import type { EventBus } from './ports/bus.js';
import type { GenerationQueue } from './ports/queue.js';
import type { ChatStore } from './ports/store.js';
import { MemoryStore } from './stores/memory-store.js';
import { SqliteStore } from './stores/sqlite-store.js';

/** The stateful adapters an instance runs on: where messages live, how events and work travel. */
export interface Adapters {
  store: ChatStore;
  bus: EventBus;
  queue: GenerationQueue;
  /** How the chat service must behave on these adapters; absent: derived from STORE in `chatOptionsFrom`. */
  profile?: AdapterProfile;
}

/**
 * Builds the adapters the configuration names (STORE). SQLite and memory run one instance with an
 * in-process bus and queue; Redis shares all three between instances.
 */
export async function createAdapters(config: Config, log: Logger): Promise<Adapters> {
  switch (config.STORE) {
    case 'sqlite':
      return { store: new SqliteStore(config.SQLITE_PATH), bus: new LocalBus(), queue: new LocalQueue(config.GENERATION_CONCURRENCY) };
    case 'memory':
      return { store: new MemoryStore(), bus: new LocalBus(), queue: new LocalQueue(config.GENERATION_CONCURRENCY) };
    case 'redis':
      // Loaded on demand: instances on the embedded default never load ioredis or BullMQ.
      return (await import('./redis/redis-adapters.js')).createRedisAdapters({ ...config, REDIS_URL: config.REDIS_URL ?? DEFAULT_REDIS_URL }, log);
    case 'mysql':
      // Loaded on demand, like Redis. MYSQL_URL is checked by loadConfig.
      return (await import('./adapters/mysql/mysql-adapters.js')).createMysqlAdapters({ ...config, MYSQL_URL: config.MYSQL_URL! }, log);
  }
}
