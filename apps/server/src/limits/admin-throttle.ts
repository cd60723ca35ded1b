import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { ChatError } from '../chat/chat-error.js';
import type { LimitStore } from './client-limits.js';

/** Wrong admin tokens one address may send per minute before it gets 429 for the rest of it. */
export const ADMIN_FAILURES_PER_MINUTE = 5;

/**
 * Counts wrong admin tokens per client address (shared through Redis when the limits are):
 * after {@link ADMIN_FAILURES_PER_MINUTE} in a minute the address is refused 429 RATE_LIMITED,
 * right or wrong token, until the minute is over. Guessing a 16-character token at 5 a minute
 * is hopeless; a teacher who mistyped waits a minute.
 */
export interface AdminThrottle {
  /** Throws 429 when the address used up its failures. */
  check(address: string): Promise<void>;
  /** Counts a failure; throws 429 when it was one too many. */
  failed(address: string): Promise<void>;
}

/** An {@link AdminThrottle} on the limits' store. */
export function createAdminThrottle(store: LimitStore, perMinute = ADMIN_FAILURES_PER_MINUTE): AdminThrottle {
  const memory = new RateLimiterMemory({ points: perMinute, duration: 60 });
  const limiter: RateLimiterAbstract =
    store.kind === 'memory'
      ? memory
      : new RateLimiterRedis({ storeClient: store.redis, keyPrefix: `${store.keyPrefix}limit:admin`, points: perMinute, duration: 60, rejectIfRedisNotReady: true, insuranceLimiter: memory });
  const refuse = (msBeforeNext: number) =>
    new ChatError('RATE_LIMITED', '[admin] too many wrong admin tokens from this address; retry later (RATE_LIMITED)', { retryAfterMs: Math.max(1_000, msBeforeNext) });
  return {
    async check(address) {
      const res = await limiter.get(address);
      if (res && res.consumedPoints >= perMinute) throw refuse(res.msBeforeNext);
    },
    async failed(address) {
      try {
        await limiter.consume(address);
      } catch (err) {
        if (err instanceof RateLimiterRes) throw refuse(err.msBeforeNext);
        throw err;
      }
    },
  };
}
