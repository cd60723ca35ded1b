import type { Redis } from 'ioredis';
import type { ForgetOutcome } from '../../ports/store.js';
import { guard } from './redis-connection.js';
import { storeScript as script } from './redis-store-lua.js';
import type { LuaScript } from './lua-script.js';

/**
 * ARGV: P, student. Deletes every session of the student (the set `P st:<student>` the append
 * script fills), its turns, its feedback and its place in its owner's list (`P o:<owner>`), and the
 * student's moderation records. Returns sessions, turns, feedback counts, then id, owner ('' = none)
 * pairs of the sessions that were open, then the moderation count.
 */
export const FORGET = script(
  'forget',
  `
local key = P .. 'st:' .. ARGV[2]
local sessions, turns, feedback, open = 0, 0, 0, {}
for _, sid in ipairs(redis.call('SMEMBERS', key)) do
  local s = K('s', sid)
  if redis.call('EXISTS', s) == 1 then
    local last = lastSeq(sid)
    for seq = 1, last do
      turns = turns + redis.call('DEL', T(sid, seq))
      local member = sid .. ':' .. seq
      feedback = feedback + redis.call('HDEL', P .. 'fb', member)
      redis.call('ZREM', P .. 'fbt', member)
    end
    if redis.call('HEXISTS', s, 'closedAt') == 0 then
      open[#open + 1] = sid
      open[#open + 1] = redis.call('HGET', s, 'owner') or ''
    end
    local owner = redis.call('HGET', s, 'owner')
    if owner then redis.call('ZREM', P .. 'o:' .. owner, sid) end
    redis.call('DEL', s, K('u', sid), K('m', sid), K('d', sid), K('ts', sid))
    redis.call('ZREM', P .. 'live', sid)
    redis.call('ZREM', P .. 'closed', sid)
    redis.call('ZREM', P .. 'act', sid)
    redis.call('SREM', P .. 'work', sid)
    sessions = sessions + 1
  end
end
redis.call('DEL', key)
-- The student's moderation records (see redis-course-records.ts), whether or not a session is left.
local mods = P .. 'mods:' .. ARGV[2]
local moderation = 0
for _, id in ipairs(redis.call('SMEMBERS', mods)) do
  moderation = moderation + redis.call('HDEL', P .. 'mod', id)
  redis.call('ZREM', P .. 'modt', id)
end
redis.call('DEL', mods)
return {sessions, turns, feedback, open, moderation}
`,
);

/** ARGV: P, cutoff, limit. Deletes up to `limit` ratings given before cutoff; returns how many. */
export const PURGE_FEEDBACK = script(
  'purgeFeedback',
  `
local members = redis.call('ZRANGEBYSCORE', P .. 'fbt', '-inf', '(' .. ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
for _, m in ipairs(members) do
  redis.call('HDEL', P .. 'fb', m)
  redis.call('ZREM', P .. 'fbt', m)
end
return #members
`,
);

/** The retention role of the Redis store: forget, feedback purge, shared secrets. */
export class RedisRetention {
  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
    private readonly run: (script: LuaScript, ...args: (string | number)[]) => Promise<unknown>,
  ) {}

  async forget(student: string): Promise<ForgetOutcome> {
    const [sessions, turns, feedback, pairs, moderation] = (await this.run(FORGET, student)) as [number, number, number, string[], number];
    const open = [];
    for (let i = 0; i < pairs.length; i += 2) open.push({ id: pairs[i]!, owner: pairs[i + 1] || null });
    return { sessions: Number(sessions), turns: Number(turns), feedback: Number(feedback), moderation: Number(moderation), open };
  }

  async purgeFeedback(cutoff: number, limit: number): Promise<number> {
    return Number(await this.run(PURGE_FEEDBACK, cutoff, limit));
  }

  /** SET NX: the first instance's candidate becomes everyone's secret. */
  async sharedSecret(name: string, candidate: string): Promise<string> {
    const key = `${this.prefix}secret:${name}`;
    await guard(this.client.set(key, candidate, 'NX'));
    return (await guard(this.client.get(key))) ?? candidate;
  }
}
