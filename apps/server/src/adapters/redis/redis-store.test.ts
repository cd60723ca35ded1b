import { afterAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../ports/store.js';
import { describeStore } from '../../testing/store-conformance.js';
import { deleteKeys, freePort, REDIS_URL, testPrefix } from '@mpchat/testkit';
import { createRedisConnection, waitUntilReady } from './redis-connection.js';
import { RedisStore } from './redis-store.js';

const prefix = testPrefix();
let n = 0;
afterAll(() => deleteKeys(REDIS_URL, prefix));

// Each test of the suite gets its own prefix: the suite reuses its session ids.
describeStore('redis', async () => {
  const client = createRedisConnection(REDIS_URL, 'command');
  await waitUntilReady(client, 5_000);
  return new RedisStore(client, `${prefix}${n++}:`);
});

describe('RedisStore when Redis is unreachable', () => {
  it('throws StoreUnavailableError at once instead of waiting', async () => {
    const client = createRedisConnection(`redis://127.0.0.1:${await freePort()}`, 'command');
    const store = new RedisStore(client, prefix);
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.getSession('80d5a793-0d16-4c15-9246-f6bc87e77ed6')).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(
      store.appendTurn({ sessionId: '80d5a793-0d16-4c15-9246-f6bc87e77ed6', content: 'hi', timestamp: '2023/11/03 15:30:00', now: 1, maxPending: 5, maxLiveSessions: 5, maxTurns: 0 }),
    ).rejects.toThrow(/\[redis\] unavailable/);
    await store.close();
  });
});
