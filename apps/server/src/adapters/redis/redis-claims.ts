import type { Redis } from 'ioredis';
import { guard } from './redis-connection.js';
import type { LuaScript } from './lua-script.js';
import { storeScript as script } from './redis-store-lua.js';

/**
 * ARGV: P, session id, owner, expiresAt (ms). Key `P claim:<id>` holds the owner until it expires
 * (Redis drops it then: nothing to purge). Atomic, so concurrent first claims agree on one holder.
 */
export const CLAIM = script(
  'claim',
  `
local key = P .. 'claim:' .. ARGV[2]
local held = redis.call('GET', key)
if held and held ~= ARGV[3] then return held end
redis.call('SET', key, ARGV[3], 'PXAT', ARGV[4])
return ARGV[3]
`,
);

/** The claims role of the Redis store (see SessionClaims). */
export class RedisClaims {
  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
    private readonly run: (script: LuaScript, ...args: (string | number)[]) => Promise<unknown>,
  ) {}

  async claim(sessionId: string, owner: string, expiresAt: number): Promise<string> {
    return String(await this.run(CLAIM, sessionId, owner, expiresAt));
  }

  async release(sessionId: string): Promise<void> {
    await guard(this.client.del(`${this.prefix}claim:${sessionId}`));
  }

  async claimant(sessionId: string): Promise<string | undefined> {
    return (await guard(this.client.get(`${this.prefix}claim:${sessionId}`))) ?? undefined;
  }
}
