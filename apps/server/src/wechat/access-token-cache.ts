import type { SharedCache } from './shared-cache.js';

/** A freshly fetched access token and its lifetime as WeChat states it. */
export interface FetchedToken {
  token: string;
  expiresInSec: number;
}

/** Options of {@link AccessTokenCache}. */
export interface AccessTokenCacheOptions {
  /** Fetches a token from WeChat (`POST /cgi-bin/stable_token`, normal mode). */
  fetchToken: () => Promise<FetchedToken>;
  cache: SharedCache;
  /** Cache key, one per appid, e.g. `wx:token:<appid>`. */
  key: string;
  /** Stop using a token this long before WeChat says it expires (default 5 minutes). */
  refreshMarginMs?: number;
  /** How long one instance may hold the fetch lock (default 5 s); others wait for its result meanwhile. */
  lockMs?: number;
  /** How often a waiting instance looks for the lock holder's token (default 25 ms). */
  pollMs?: number;
  now?: () => number;
}

/**
 * WeChat's access token, fetched once and shared: by concurrent callers of this instance (one
 * in-flight fetch) and by every instance on the same {@link SharedCache} (a short lock, so one
 * instance fetches while the others wait for its result). A token is used until `refreshMarginMs`
 * before it expires. `stable_token` in normal mode does not rotate a valid token, so an instance
 * that fetches anyway (a lock holder that died) does no harm.
 *
 * @example
 * const tokens = new AccessTokenCache({ fetchToken, cache, key: `wx:token:${appid}` });
 * const token = await tokens.get();
 * // an API answered 40001/42001 with this token:
 * await tokens.invalidate(token); const fresh = await tokens.get();
 */
export class AccessTokenCache {
  private memo: { token: string; usableUntil: number } | undefined;
  private inflight: Promise<string> | undefined;
  private readonly margin: number;
  private readonly lockMs: number;
  private readonly pollMs: number;
  private readonly now: () => number;

  constructor(private readonly options: AccessTokenCacheOptions) {
    this.margin = options.refreshMarginMs ?? 5 * 60_000;
    this.lockMs = options.lockMs ?? 5_000;
    this.pollMs = options.pollMs ?? 25;
    this.now = options.now ?? Date.now;
  }

  /** A usable token: from memory, the shared cache, or one fetch shared with concurrent callers. */
  get(): Promise<string> {
    if (this.memo && this.memo.usableUntil > this.now()) return Promise.resolve(this.memo.token);
    this.inflight ??= this.load().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /** Forgets `stale` (an API answered 40001/42001 with it) so the next {@link get} fetches again. */
  async invalidate(stale: string): Promise<void> {
    if (this.memo?.token === stale) this.memo = undefined;
    await this.options.cache.deleteIf(this.options.key, stale);
  }

  private async load(): Promise<string> {
    const { cache, key } = this.options;
    const cached = await this.fromCache();
    if (cached) return cached;
    const lockKey = `${key}:lock`;
    const handle = await cache.tryLock(lockKey, this.lockMs);
    if (handle === undefined) {
      // Another instance is fetching: wait for its token, fetch ourselves if it never comes.
      const deadline = this.now() + this.lockMs;
      while (this.now() < deadline) {
        await new Promise((r) => setTimeout(r, this.pollMs));
        const theirs = await this.fromCache();
        if (theirs) return theirs;
      }
      return this.fetchAndStore();
    }
    try {
      // It may have been stored between our read and our lock.
      return (await this.fromCache()) ?? (await this.fetchAndStore());
    } finally {
      await cache.unlock(lockKey, handle).catch(() => undefined);
    }
  }

  private async fromCache(): Promise<string | undefined> {
    const token = await this.options.cache.get(this.options.key);
    // The cache keeps a token only while it is usable, so presence means usable; remember it for
    // a short while in memory too (the shared entry's exact TTL is not known here).
    if (token !== undefined) this.memo = { token, usableUntil: this.now() + Math.min(this.margin / 2, 60_000) };
    return token;
  }

  private async fetchAndStore(): Promise<string> {
    const { token, expiresInSec } = await this.options.fetchToken();
    const lifetime = expiresInSec * 1000;
    // Short-lived tokens (tests) keep half their life rather than a negative one.
    const usable = Math.max(1, lifetime - Math.min(this.margin, lifetime / 2));
    await this.options.cache.set(this.options.key, token, usable);
    this.memo = { token, usableUntil: this.now() + usable };
    return token;
  }
}
