import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteKeys, REDIS_URL, testPrefix } from '@mpchat/testkit';
import type { ClientKey } from '../auth/identity.js';
import { ChatError } from '../errors/chat-error.js';
import { waitUntilReady } from '../adapters/redis/redis-connection.js';
import type { LimitStore } from '../ports/limit-store.js';
import { createClientLimits, type ClientLimits } from './client-limits.js';
import { DEFAULT_CLIENT_LIMITS, DEFAULT_USER_LIMITS, type ClientLimitSettings } from './limit-profiles.js';

const prefix = testPrefix();
const redis = new Redis(REDIS_URL);
// Until the connection is ready the limiter falls back to memory: wait, so these tests count in Redis.
beforeAll(async () => expect(await waitUntilReady(redis, 5_000)).toBe(true));
afterAll(async () => {
  await deleteKeys(REDIS_URL, prefix);
  redis.disconnect();
});

async function refused(p: Promise<unknown>): Promise<ChatError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ChatError);
  expect([(err as ChatError).code, (err as ChatError).status]).toEqual(['RATE_LIMITED', 429]);
  return err as ChatError;
}

/** Runs `n` attempts, answering how many passed before the first refusal (and that refusal). */
async function countUntilRefused(n: number, attempt: () => Promise<void>): Promise<{ passed: number; error?: ChatError }> {
  for (let i = 0; i < n; i++) {
    try {
      await attempt();
    } catch (err) {
      expect(err).toBeInstanceOf(ChatError);
      return { passed: i, error: err as ChatError };
    }
  }
  return { passed: n };
}

const small: ClientLimitSettings = {
  user: { sessionsPerMinute: 3, liveSessions: 2, sockets: 2, messagesPerMinute: 5, messagesPerDay: 7, loginsPerMinute: 2 },
  address: { sessionsPerMinute: 30, liveSessions: 20, sockets: 20, messagesPerMinute: 50, messagesPerDay: 70, loginsPerMinute: 2 },
};

function describeLimits(name: string, store: () => LimitStore) {
  describe(`client limits on ${name}`, () => {
    it('limits an abusing client while another client chats normally', async () => {
      const limits = createClientLimits({ store: store(), limits: small });
      const abuse = await countUntilRefused(100, () => limits.consume('message', 'wx:o-abuser'));
      expect(abuse.passed).toBe(5);
      expect(abuse.error!.message).toBe('[limits] too many messages per minute from this client; retry later (RATE_LIMITED)');
      expect(abuse.error!.retryAfterMs).toBeGreaterThan(0);
      expect(abuse.error!.retryAfterMs).toBeLessThanOrEqual(60_000);
      await limits.consume('message', 'wx:o-polite');
      await limits.consume('message', 'addr:10.0.0.9');
    });

    it('limits new sessions per minute', async () => {
      const limits = createClientLimits({ store: store(), limits: small });
      expect((await countUntilRefused(10, () => limits.consume('session', 'wx:o-1'))).passed).toBe(3);
    });

    it('counts slots held, gives them back, and never goes below zero', async () => {
      const limits = createClientLimits({ store: store(), limits: small });
      const key: ClientKey = 'wx:o-sockets';
      await limits.release('socket', key); // nothing held: no credit
      await limits.acquire('socket', key);
      await limits.acquire('socket', key);
      const err = await refused(limits.acquire('socket', key));
      expect(err.message).toContain('open sockets');
      await refused(limits.acquire('socket', key)); // a refusal does not count as held
      await limits.release('socket', key);
      await limits.acquire('socket', key);
      await refused(limits.acquire('socket', key));
      await limits.acquire('liveSession', key); // another kind, another count
    });

    it('an address gets the address profile, an openid the user profile', async () => {
      const limits = createClientLimits({ store: store(), limits: small });
      expect((await countUntilRefused(100, () => limits.consume('message', 'addr:10.1.1.1'))).passed).toBe(50);
    });

    it('has a per-day budget behind the per-minute one', async () => {
      const limits = createClientLimits({ store: store(), limits: { ...small, user: { ...small.user, messagesPerMinute: 100 } } });
      const day = await countUntilRefused(100, () => limits.consume('message', 'wx:o-day'));
      expect(day.passed).toBe(7);
      expect(day.error!.message).toContain('messages per day');
    });

    it('a limit of 0 is off', async () => {
      const limits = createClientLimits({ store: store(), limits: { ...small, user: { ...small.user, messagesPerMinute: 0, messagesPerDay: 0 } } });
      expect((await countUntilRefused(50, () => limits.consume('message', 'wx:o-free'))).passed).toBe(50);
    });

    it('a classroom of 60 students behind one address is not limited at the defaults', async () => {
      const limits = createClientLimits({ store: store() });
      const campus: ClientKey = 'addr:202.120.1.1';
      // Everyone opens the page (a socket) and starts a conversation, then asks 5 questions in the minute.
      const student = async () => {
        await limits.acquire('socket', campus);
        await limits.consume('session', campus);
        await limits.acquire('liveSession', campus);
        for (let q = 0; q < 5; q++) await limits.consume('message', campus);
      };
      await Promise.all(Array.from({ length: 60 }, student));
      // …while one script on that address would still be cut off soon after.
      const script = await countUntilRefused(1_000, () => limits.consume('message', campus));
      expect(script.passed).toBe(DEFAULT_CLIENT_LIMITS.address.messagesPerMinute - 300);
    });
  });
}

describeLimits('memory', () => ({ kind: 'memory' }));
describeLimits('Redis', () => ({ kind: 'redis', redis, keyPrefix: `${prefix}${crypto.randomUUID().slice(0, 6)}:` }));

describe('client limits shared through Redis', () => {
  it('two limiter instances on one Redis see one budget', async () => {
    const store: LimitStore = { kind: 'redis', redis, keyPrefix: `${prefix}shared:` };
    const a: ClientLimits = createClientLimits({ store, limits: small });
    const b: ClientLimits = createClientLimits({ store, limits: small });
    for (let i = 0; i < 5; i++) await (i % 2 ? a : b).consume('message', 'wx:o-two');
    await refused(a.consume('message', 'wx:o-two'));
    await refused(b.consume('message', 'wx:o-two'));
    await a.acquire('socket', 'wx:o-two');
    await b.acquire('socket', 'wx:o-two');
    await refused(a.acquire('socket', 'wx:o-two'));
    await b.release('socket', 'wx:o-two');
    await a.acquire('socket', 'wx:o-two');
    expect(await redis.keys(`${prefix}shared:limit:*`)).toHaveLength(3);
  });

  it('keeps limiting from memory when Redis is unreachable', async () => {
    const dead = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    const limits = createClientLimits({ store: { kind: 'redis', redis: dead, keyPrefix: `${prefix}dead:` }, limits: small });
    expect((await countUntilRefused(20, () => limits.consume('message', 'wx:o-x'))).passed).toBe(5);
    dead.disconnect();
  });

  it('default user limits stay below the address limits (logins are per address already)', () => {
    for (const [k, v] of Object.entries(DEFAULT_USER_LIMITS)) {
      if (k === 'loginsPerMinute') continue;
      expect(DEFAULT_CLIENT_LIMITS.address[k as keyof typeof DEFAULT_USER_LIMITS]).toBeGreaterThan(v);
    }
  });
});
