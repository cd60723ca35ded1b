/**
 * A small key-value cache shared by every server instance, with expiry and a short lock, for
 * values that are costly or rate-limited to fetch (WeChat's access token). The memory
 * implementation serves one instance; {@link RedisSharedCache} serves many.
 */
export interface SharedCache {
  /** The value under `key`, or `undefined` when absent or expired. */
  get(key: string): Promise<string | undefined>;
  /** Stores `value` under `key` for `ttlMs` milliseconds. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Deletes `key` only while it still holds `value` (so a fresher value written meanwhile stays). */
  deleteIf(key: string, value: string): Promise<void>;
  /**
   * Takes the lock `key` for at most `ttlMs` (it frees itself if the holder dies). Answers a
   * release handle, or `undefined` when another caller holds it.
   */
  tryLock(key: string, ttlMs: number): Promise<string | undefined>;
  /** Frees a lock taken with {@link tryLock}, only if `handle` still holds it. */
  unlock(key: string, handle: string): Promise<void>;
}

/** A {@link SharedCache} in this process's memory (one instance, tests, `STORE=memory|sqlite`). */
export class MemorySharedCache implements SharedCache {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async get(key: string): Promise<string | undefined> {
    return this.read(key);
  }

  // Synchronous, so check-then-set in tryLock cannot interleave with another caller.
  private read(key: string): string | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
  }

  async deleteIf(key: string, value: string): Promise<void> {
    if (this.read(key) === value) this.entries.delete(key);
  }

  async tryLock(key: string, ttlMs: number): Promise<string | undefined> {
    if (this.read(key) !== undefined) return undefined;
    const handle = crypto.randomUUID();
    this.entries.set(key, { value: handle, expiresAt: this.now() + ttlMs });
    return handle;
  }

  async unlock(key: string, handle: string): Promise<void> {
    await this.deleteIf(key, handle);
  }
}
