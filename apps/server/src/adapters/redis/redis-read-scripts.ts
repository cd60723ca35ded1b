// The store's scripts that read several keys: one script is one consistent snapshot.
import { storeScript as script } from './redis-store-lua.js';

/** ARGV: P, sid, kind ('latest' | 'after' | 'atOrAfter'), value. Seqs are 1..lastSeq without gaps. */
export const FIND = script(
  'find',
  `
local sid, kind = ARGV[2], ARGV[3]
local last, seq = lastSeq(sid), 0
if kind == 'latest' then seq = last
elseif kind == 'after' then
  seq = math.max(tonumber(ARGV[4]) + 1, 1)
  if seq > last then seq = 0 end
else
  -- The timestamps list holds turn i's client timestamp at index i; the latest match wins.
  local ts = redis.call('LRANGE', K('ts', sid), 0, -1)
  for i = #ts, 1, -1 do
    if ts[i] >= ARGV[4] then seq = i break end
  end
end
if seq < 1 then return {} end
return redis.call('HGETALL', T(sid, seq))
`,
);


/** ARGV: P, sid, afterSeq, limit. */
export const TURNS_AFTER = script(
  'turnsAfter',
  `
local sid = ARGV[2]
local from = math.max(tonumber(ARGV[3]) + 1, 1)
local to = math.min(lastSeq(sid), from + tonumber(ARGV[4]) - 1)
local out = {}
for seq = from, to do
  local t = redis.call('HGETALL', T(sid, seq))
  if #t > 0 then out[#out + 1] = t end
end
return out
`,
);


/** ARGV: P, sid, beforeSeq, limit. Settled turns only, newest first. */
export const HISTORY = script(
  'history',
  `
local sid, limit = ARGV[2], tonumber(ARGV[4])
local out = {}
local seq = math.min(tonumber(ARGV[3]) - 1, lastSeq(sid))
while seq >= 1 and #out < limit do
  local st = redis.call('HGET', T(sid, seq), 'status')
  if st and not unsettled(st) then out[#out + 1] = redis.call('HGETALL', T(sid, seq)) end
  seq = seq - 1
end
return out
`,
);


/** ARGV: P, sid. The oldest unsettled turn of an open session. */
export const NEXT_UNSETTLED = script(
  'nextUnsettled',
  `
local sid = ARGV[2]
if not isOpen(sid) then return {} end
local first = redis.call('ZRANGE', K('u', sid), 0, 0)
if #first == 0 then return {} end
return redis.call('HGETALL', T(sid, first[1]))
`,
);



/**
 * ARGV: P, owner, beforeScore ('' = from the newest), beforeId, limit. The owner's sessions that
 * still have something to show (open, or closed with turn 1 kept), newest activity first, ties by
 * higher id (ZREVRANGEBYSCORE's own order), after (beforeScore, beforeId). Each as
 * {sid, session hash, first question}. Reads in chunks, so skipped sessions cost no extra call.
 */
export const LIST_OWNED = script(
  'listOwned',
  `
local index, max, beforeId, limit = P .. 'o:' .. ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5])
if max == '' then max = '+inf' end
local out, offset = {}, 0
while #out < limit do
  local chunk = redis.call('ZREVRANGEBYSCORE', index, max, '-inf', 'WITHSCORES', 'LIMIT', offset, 100)
  if #chunk == 0 then break end
  offset = offset + #chunk / 2
  for i = 1, #chunk, 2 do
    local sid = chunk[i]
    local after = ARGV[3] == '' or tonumber(chunk[i + 1]) ~= tonumber(ARGV[3]) or sid < beforeId
    local s = K('s', sid)
    if after and #out < limit and redis.call('EXISTS', s) == 1 then
      local first = redis.call('HGET', T(sid, 1), 'content')
      if first or redis.call('HEXISTS', s, 'closedAt') == 0 then
        out[#out + 1] = {sid, redis.call('HGETALL', s), first or ''}
      end
    end
  end
end
return out
`,
);
