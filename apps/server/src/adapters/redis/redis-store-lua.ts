/*
 * What the store's Lua scripts (redis-store-scripts.ts, redis-read-scripts.ts) share. Every script
 * gets the key prefix as ARGV[1] and (except PURGE and CLOSE_IDLE) the session id as ARGV[2], and builds key names with the helpers below, which mirror `storeKeys` in
 * redis-store.ts. Keys are built inside the scripts because a turn's key depends on data the
 * script reads (its seq); that rules out Redis Cluster, which this store does not support.
 *
 * Numbers that go back into Redis (times, seqs) are written from the ARGV strings, never from Lua
 * numbers, so a 13-digit millisecond time is never reformatted.
 */
import type { LuaScript } from './lua-script.js';

const PRELUDE = `
local P = ARGV[1]
local function K(kind, sid) return P .. kind .. ':' .. sid end
local function T(sid, seq) return P .. 't:' .. sid .. ':' .. seq end
local function lastSeq(sid) return tonumber(redis.call('HGET', K('s', sid), 'lastSeq') or '0') end
local function isOpen(sid)
  local s = K('s', sid)
  return redis.call('EXISTS', s) == 1 and redis.call('HEXISTS', s, 'closedAt') == 0
end
-- The owner's list of sessions (score = lastActiveAt), kept in step with the session's lastActiveAt.
local function indexOwned(sid, now)
  local owner = redis.call('HGET', K('s', sid), 'owner')
  if owner then redis.call('ZADD', P .. 'o:' .. owner, now, sid) end
end
local function unsettled(st) return st == 'pending' or st == 'generating' end
local function dropTurns(sid)
  for seq = 1, lastSeq(sid) do redis.call('DEL', T(sid, seq)) end
  redis.call('DEL', K('u', sid), K('m', sid), K('d', sid), K('ts', sid))
end
-- Writes a settlement to turn hash t from ARGV[i..i+9] (see settlementArgs in redis-turn-codec.ts):
-- nullable fields arrive as '' for none ('=' + value for the error texts, so '' itself survives).
local function writeSettlement(t, i)
  redis.call('HSET', t, 'status', ARGV[i], 'reply', ARGV[i + 1], 'replyTimestamp', ARGV[i + 2], 'sources', ARGV[i + 5], 'suggestions', ARGV[i + 6])
  local fields = {{'errorCode', ARGV[i + 3], 2}, {'errorMessage', ARGV[i + 4], 2}, {'matched', ARGV[i + 7], 1}, {'author', ARGV[i + 8], 1}, {'settledAt', ARGV[i + 9], 1}}
  for _, f in ipairs(fields) do
    if f[2] == '' then redis.call('HDEL', t, f[1]) else redis.call('HSET', t, f[1], string.sub(f[2], f[3])) end
  end
end
local function closeOpen(sid, now, retain)
  redis.call('HSET', K('s', sid), 'closedAt', now)
  redis.call('ZREM', P .. 'live', sid)
  redis.call('ZADD', P .. 'closed', now, sid)
  redis.call('SREM', P .. 'work', sid)
  redis.call('DEL', K('u', sid))
  if retain ~= '1' then dropTurns(sid) end
end
`;

/** A store script: the shared helpers above, then `body`. */
export const storeScript = (name: string, body: string): LuaScript => ({ name: `store_${name}`, source: PRELUDE + body });
