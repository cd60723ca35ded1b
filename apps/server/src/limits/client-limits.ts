import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { parseClientKey, type ClientKey } from '../auth/identity.js';
import { ChatError } from '../errors/chat-error.js';
import type { LimitStore } from '../ports/limit-store.js';
import { DEFAULT_CLIENT_LIMITS, type ClientLimitSettings, type LimitProfile } from './limit-profiles.js';

/** Events counted per time window. `message` counts against the per-minute and per-day budgets. */
export type RateKind = 'session' | 'message' | 'login';
/** Things held open and given back: a live session, an open socket. */
export type SlotKind = 'liveSession' | 'socket';

/** Options of {@link createClientLimits}. */
export interface ClientLimitsOptions {
  store: LimitStore;
  /** Default {@link DEFAULT_CLIENT_LIMITS}. */
  limits?: ClientLimitSettings;
  /**
   * How long a slot count lives after the window's first acquire (default 1 h). Counts of an
   * instance that crashed without releasing free themselves after this; a session or socket
   * older than that is no longer counted (the limit errs on the side of letting people in).
   */
  slotTtlMs?: number;
}

/** Per-client limits: over a limit is a ChatError 429 `RATE_LIMITED` with `retryAfterMs`. */
export interface ClientLimits {
  /** Counts one new session or message; throws 429 when the client is over its budget. */
  consume(kind: RateKind, client: ClientKey): Promise<void>;
  /** Takes a slot (a live session, a socket); throws 429 when the client holds all it may. */
  acquire(kind: SlotKind, client: ClientKey): Promise<void>;
  /** Gives a slot back (never below zero). */
  release(kind: SlotKind, client: ClientKey): Promise<void>;
}

type LimiterName = 'session' | 'messageMinute' | 'messageDay' | 'login' | 'liveSession' | 'socket';

const windows: Record<LimiterName, { field: keyof LimitProfile; durationSec?: number; what: string }> = {
  session: { field: 'sessionsPerMinute', durationSec: 60, what: 'new sessions per minute' },
  messageMinute: { field: 'messagesPerMinute', durationSec: 60, what: 'messages per minute' },
  messageDay: { field: 'messagesPerDay', durationSec: 86_400, what: 'messages per day' },
  login: { field: 'loginsPerMinute', durationSec: 60, what: 'logins per minute' },
  liveSession: { field: 'liveSessions', what: 'live sessions' },
  socket: { field: 'sockets', what: 'open sockets' },
};

/**
 * Per-client limits on `rate-limiter-flexible`, keyed by {@link ClientKey} (`wx:<openid>` gets the
 * user profile, `addr:<ip>` the address profile). With the Redis store every instance sharing
 * `keyPrefix` sees one budget; if Redis fails, an in-memory limiter (the library's insurance
 * limiter) keeps limiting per instance instead of failing requests.
 *
 * @example
 * const limits = createClientLimits({ store: { kind: 'redis', redis, keyPrefix: 'mpchat:' } });
 * await limits.consume('message', clientKeyOf(identity)); // or ChatError 429 RATE_LIMITED
 * await limits.acquire('socket', key); socket.on('close', () => void limits.release('socket', key));
 */
export function createClientLimits(options: ClientLimitsOptions): ClientLimits {
  const settings = options.limits ?? DEFAULT_CLIENT_LIMITS;
  const slotTtlSec = Math.max(1, Math.round((options.slotTtlMs ?? 3_600_000) / 1000));

  function build(name: LimiterName, profile: 'user' | 'address'): RateLimiterAbstract | undefined {
    const points = settings[profile][windows[name].field];
    if (points <= 0) return undefined;
    const duration = windows[name].durationSec ?? slotTtlSec;
    const memory = new RateLimiterMemory({ points, duration });
    if (options.store.kind === 'memory') return memory;
    return new RateLimiterRedis({
      storeClient: options.store.redis,
      keyPrefix: `${options.store.keyPrefix}limit:${name}:${profile}`,
      points,
      duration,
      rejectIfRedisNotReady: true,
      insuranceLimiter: memory,
    });
  }

  const limiters = new Map<string, RateLimiterAbstract | undefined>();
  const limiterFor = (name: LimiterName, client: ClientKey) => {
    const profile = parseClientKey(client)?.kind === 'wx' ? 'user' : 'address';
    const id = `${name}:${profile}`;
    if (!limiters.has(id)) limiters.set(id, build(name, profile));
    return limiters.get(id);
  };

  async function take(name: LimiterName, client: ClientKey): Promise<void> {
    const limiter = limiterFor(name, client);
    if (!limiter) return;
    try {
      await limiter.consume(client);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      const { what } = windows[name];
      const slot = name === 'liveSession' || name === 'socket';
      // A refused slot was counted by consume: give it back so the count stays what is held.
      if (slot) await limiter.reward(client, 1);
      // A slot frees when the client closes something; suggest a short retry, not the window's end.
      const retryAfterMs = slot ? 5_000 : Math.max(1_000, err.msBeforeNext);
      throw new ChatError('RATE_LIMITED', `[limits] too many ${what} from this client; retry later (RATE_LIMITED)`, { retryAfterMs });
    }
  }

  return {
    async consume(kind, client) {
      if (kind === 'session' || kind === 'login') return take(kind, client);
      await take('messageMinute', client);
      await take('messageDay', client);
    },
    acquire: (kind, client) => take(kind, client),
    async release(kind, client) {
      const limiter = limiterFor(kind, client);
      if (!limiter) return;
      const held = await limiter.get(client);
      if (held && held.consumedPoints > 0) await limiter.reward(client, 1);
    },
  };
}
