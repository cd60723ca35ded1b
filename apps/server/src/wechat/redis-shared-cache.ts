import type { Redis } from 'ioredis';
import type { SharedCache } from './shared-cache.js';

// Compare-and-delete in one step, so an instance never deletes a value another one just wrote.
const DELETE_IF = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

/**
 * A {@link SharedCache} on Redis: `SET … PX` for values, `SET … NX PX` for locks, so several
 * instances share one cached value and only one of them fetches it.
 *
 * @example
 * const cache = new RedisSharedCache(createRedisConnection(url, 'command'), 'mpchat:');
 */
export class RedisSharedCache implements SharedCache {
  constructor(
    private readonly redis: Redis,
    /** Prefix of every key, e.g. `REDIS_PREFIX` (`mpchat:`). */
    private readonly keyPrefix: string,
  ) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.keyPrefix + key)) ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.redis.set(this.keyPrefix + key, value, 'PX', Math.max(1, Math.round(ttlMs)));
  }

  async deleteIf(key: string, value: string): Promise<void> {
    await this.redis.eval(DELETE_IF, 1, this.keyPrefix + key, value);
  }

  async tryLock(key: string, ttlMs: number): Promise<string | undefined> {
    const handle = crypto.randomUUID();
    const ok = await this.redis.set(this.keyPrefix + key, handle, 'PX', Math.max(1, Math.round(ttlMs)), 'NX');
    return ok === 'OK' ? handle : undefined;
  }

  async unlock(key: string, handle: string): Promise<void> {
    await this.deleteIf(key, handle);
  }
}
