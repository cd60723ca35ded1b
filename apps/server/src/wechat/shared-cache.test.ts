import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteKeys, REDIS_URL, testPrefix } from '@mpchat/testkit';
import { RedisSharedCache } from './redis-shared-cache.js';
import { MemorySharedCache, type SharedCache } from './shared-cache.js';

const prefix = testPrefix();
const redis = new Redis(REDIS_URL);
afterAll(async () => {
  await deleteKeys(REDIS_URL, prefix);
  redis.disconnect();
});

// The conformance suite every SharedCache passes: each implementation of the port runs the same tests.
function describeSharedCache(name: string, make: () => SharedCache) {
  describe(name, () => {
    it('keeps a value until its TTL runs out', async () => {
      const cache = make();
      await cache.set('a', 'one', 60_000);
      await cache.set('short', 'x', 30);
      expect(await cache.get('a')).toBe('one');
      expect(await cache.get('missing')).toBeUndefined();
      await new Promise((r) => setTimeout(r, 80));
      expect(await cache.get('short')).toBeUndefined();
    });

    it('deletes only the value it was asked to', async () => {
      const cache = make();
      await cache.set('k', 'new', 60_000);
      await cache.deleteIf('k', 'old');
      expect(await cache.get('k')).toBe('new');
      await cache.deleteIf('k', 'new');
      expect(await cache.get('k')).toBeUndefined();
    });

    it('gives a lock to one caller at a time, and frees it', async () => {
      const cache = make();
      const handles = await Promise.all([cache.tryLock('l', 60_000), cache.tryLock('l', 60_000)]);
      expect(handles.filter((h) => h !== undefined)).toHaveLength(1);
      await cache.unlock('l', 'not-the-holder');
      expect(await cache.tryLock('l', 60_000)).toBeUndefined();
      await cache.unlock('l', handles.find((h) => h !== undefined)!);
      expect(await cache.tryLock('l', 60_000)).toBeDefined();
    });
  });
}

describeSharedCache('MemorySharedCache', () => new MemorySharedCache());
describeSharedCache('RedisSharedCache', () => new RedisSharedCache(redis, `${prefix}${crypto.randomUUID().slice(0, 6)}:`));
