import { startFakeWechat, type FakeWechat } from '@mpchat/testkit';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteKeys, REDIS_URL, testPrefix } from '@mpchat/testkit';
import { AccessTokenCache } from './access-token-cache.js';
import { RedisSharedCache } from './redis-shared-cache.js';
import { MemorySharedCache } from './shared-cache.js';
import { createWechatClient } from './wechat-client.js';

const prefix = testPrefix();
const redis = new Redis(REDIS_URL);
afterAll(async () => {
  await deleteKeys(REDIS_URL, prefix);
  redis.disconnect();
});

let fake: FakeWechat;
beforeEach(async () => {
  fake = await startFakeWechat();
});
afterEach(() => fake.close());

describe('access token shared by instances', () => {
  it('two instances on one Redis fetch one token for many checks', async () => {
    const keyPrefix = `${prefix}two:`;
    const make = () => createWechatClient({ appid: fake.appid, secret: fake.secret, apiBase: fake.url, cache: new RedisSharedCache(redis, keyPrefix) });
    const [a, b] = [make(), make()];
    fake.setDelay('stable_token', 100);
    await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).msgSecCheck(`text ${i}`, 'o-1')));
    expect(fake.callsTo('stable_token')).toHaveLength(1);
    expect(fake.callsTo('msg_sec_check')).toHaveLength(30);
    expect(new Set(fake.callsTo('msg_sec_check').map((c) => c.query.access_token)).size).toBe(1);
  });

  it('after a stale token, both instances move to the fresh one with one more fetch', async () => {
    const keyPrefix = `${prefix}stale:`;
    const make = () => createWechatClient({ appid: fake.appid, secret: fake.secret, apiBase: fake.url, cache: new RedisSharedCache(redis, keyPrefix) });
    const [a, b] = [make(), make()];
    await a.msgSecCheck('x', 'o-1');
    await b.msgSecCheck('x', 'o-1');
    fake.expireToken(40001);
    await a.msgSecCheck('y', 'o-1');
    await b.msgSecCheck('y', 'o-1');
    expect(fake.tokensIssued).toBe(2);
    expect(fake.callsTo('stable_token')).toHaveLength(2);
  });
});

describe('AccessTokenCache', () => {
  it('refreshes a token shortly before WeChat says it expires', async () => {
    let t = 0;
    let n = 0;
    const cache = new AccessTokenCache({
      cache: new MemorySharedCache(() => t),
      key: 'k',
      refreshMarginMs: 300_000,
      now: () => t,
      fetchToken: async () => ({ token: `t${++n}`, expiresInSec: 7200 }),
    });
    expect(await cache.get()).toBe('t1');
    t = 7200_000 - 300_001;
    expect(await cache.get()).toBe('t1');
    t = 7200_000 - 299_999;
    expect(await cache.get()).toBe('t2');
  });

  it('fetches itself when the lock holder never stores a token', async () => {
    const shared = new MemorySharedCache();
    await shared.tryLock('k:lock', 60_000); // a crashed instance's lock
    let n = 0;
    const cache = new AccessTokenCache({ cache: shared, key: 'k', lockMs: 100, pollMs: 10, fetchToken: async () => ({ token: `t${++n}`, expiresInSec: 7200 }) });
    expect(await cache.get()).toBe('t1');
  });

  it('lets the next caller retry after a failed fetch', async () => {
    let fail = true;
    const cache = new AccessTokenCache({
      cache: new MemorySharedCache(),
      key: 'k',
      fetchToken: async () => {
        if (fail) throw new Error('down');
        return { token: 'ok', expiresInSec: 7200 };
      },
    });
    await expect(cache.get()).rejects.toThrow('down');
    fail = false;
    expect(await cache.get()).toBe('ok');
  });
});
