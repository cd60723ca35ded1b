// The store's scripts that change state. Each runs atomically (see redis-store-lua.ts).
import { storeScript as script } from './redis-store-lua.js';

/**
 * ARGV: P, sid, content, timestamp, clientMsgId ('' = none), now, maxPending, maxLive, maxTurns,
 * owner ('' = none), idleCutoff ('' = none), student ('' = none), continuedFrom ('' = none),
 * settled ('' = a pending turn; '1' = stored settled by the settlement in ARGV[15..24]).
 */
export const APPEND = script(
  'append',
  `
local sid, content, ts, cmid, now = ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local s = K('s', sid)
if redis.call('EXISTS', s) == 1 then
  if redis.call('HEXISTS', s, 'closedAt') == 1 then return {'closed'} end
else
  -- Sessions past their idle TTL (lastActiveAt < ARGV[11]) do not count: the sweeper will close them.
  local max = tonumber(ARGV[8])
  if redis.call('ZCARD', P .. 'live') >= max and (ARGV[11] == '' or redis.call('ZCOUNT', P .. 'live', ARGV[11], '+inf') >= max) then
    return {'full'}
  end
  redis.call('HSET', s, 'createdAt', now, 'lastActiveAt', now, 'lastSeq', '0')
  if ARGV[10] ~= '' then redis.call('HSET', s, 'owner', ARGV[10]) end
  if ARGV[13] ~= '' then redis.call('HSET', s, 'continuedFrom', ARGV[13]) end
  if ARGV[12] ~= '' then
    redis.call('HSET', s, 'student', ARGV[12])
    redis.call('SADD', P .. 'st:' .. ARGV[12], sid)
  end
  redis.call('ZADD', P .. 'live', now, sid)
end
local settled = ARGV[14] == '1'
-- A retry is recognised by clientMsgId, or without one by timestamp + content (hashed: content can be long).
-- A turn stored settled (a teacher's reply) is never a retry and never waits for the engine.
local dupKey, dupField = K('m', sid), cmid
if cmid == '' then dupKey, dupField = K('d', sid), ts .. '\\n' .. redis.sha1hex(content) end
if not settled then
  local dup = redis.call('HGET', dupKey, dupField)
  if dup then return {'duplicate', redis.call('HGETALL', T(sid, dup))} end
  local pending = redis.call('ZCARD', K('u', sid))
  if pending >= tonumber(ARGV[7]) then return {'busy', pending} end
end
local last = lastSeq(sid)
local maxTurns = tonumber(ARGV[9])
if maxTurns > 0 and last >= maxTurns then return {'quota'} end
local seq = tostring(last + 1)
redis.call('HSET', s, 'lastSeq', seq, 'lastActiveAt', now)
redis.call('ZADD', P .. 'live', now, sid)
indexOwned(sid, now)
redis.call('ZADD', P .. 'act', now, sid)
local t = T(sid, seq)
redis.call('HSET', t, 'seq', seq, 'content', content, 'timestamp', ts, 'receivedAt', now, 'status', 'pending', 'reply', '')
if cmid ~= '' then redis.call('HSET', t, 'clientMsgId', cmid) end
redis.call('RPUSH', K('ts', sid), ts)
if settled then
  writeSettlement(t, 15)
else
  redis.call('HSET', dupKey, dupField, seq)
  redis.call('ZADD', K('u', sid), seq, seq)
  redis.call('SADD', P .. 'work', sid)
end
return {'created', redis.call('HGETALL', t)}
`,
);


/** ARGV: P, sid, now. lastActiveAt only moves forward, and only in an open session. */
export const TOUCH = script(
  'touch',
  `
local sid, now = ARGV[2], ARGV[3]
if not isOpen(sid) then return 0 end
if tonumber(now) > tonumber(redis.call('HGET', K('s', sid), 'lastActiveAt')) then
  redis.call('HSET', K('s', sid), 'lastActiveAt', now)
  redis.call('ZADD', P .. 'live', now, sid)
  indexOwned(sid, now)
  redis.call('ZADD', P .. 'act', now, sid)
end
return 1
`,
);


/** ARGV: P, sid, seq. pending → generating, in an open session. */
export const START = script(
  'start',
  `
local sid, t = ARGV[2], T(ARGV[2], ARGV[3])
if not isOpen(sid) or redis.call('HGET', t, 'status') ~= 'pending' then return 0 end
redis.call('HSET', t, 'status', 'generating')
return 1
`,
);


/** ARGV: P, sid, seq. generating → pending, partial text cleared. */
export const REQUEUE = script(
  'requeue',
  `
local t = T(ARGV[2], ARGV[3])
if redis.call('HGET', t, 'status') ~= 'generating' then return 0 end
redis.call('HSET', t, 'status', 'pending', 'reply', '')
return 1
`,
);


/** ARGV: P, sid, seq, reply. Only while unsettled: a late checkpoint never overwrites a reply. */
export const SAVE_PARTIAL = script(
  'savePartial',
  `
local t = T(ARGV[2], ARGV[3])
if unsettled(redis.call('HGET', t, 'status')) then redis.call('HSET', t, 'reply', ARGV[4]) end
return 0
`,
);


/** ARGV: P, sid, seq, then the settlement in ARGV[4..13] (see settlementArgs in redis-turn-codec.ts). */
export const SETTLE = script(
  'settle',
  `
local sid, seq = ARGV[2], ARGV[3]
local t = T(sid, seq)
if not unsettled(redis.call('HGET', t, 'status')) then return 0 end
writeSettlement(t, 4)
redis.call('ZREM', K('u', sid), seq)
if redis.call('ZCARD', K('u', sid)) == 0 then redis.call('SREM', P .. 'work', sid) end
return 1
`,
);


/** ARGV: P, sid, now, retain ('1' | '0'). Returns 1 when the session was open. */
export const CLOSE = script(
  'close',
  `
local sid, now = ARGV[2], ARGV[3]
local s = K('s', sid)
-- An id that never sent a message leaves nothing behind (no tombstone).
if redis.call('EXISTS', s) == 0 then return 0 end
if redis.call('HEXISTS', s, 'closedAt') == 1 then return 0 end
closeOpen(sid, now, ARGV[4])
return 1
`,
);


/**
 * ARGV: P, cutoff, limit, now, retain ('1' | '0'). Claims and closes up to `limit` open sessions
 * last active before cutoff, oldest first, and returns them as id, owner ('' = none) pairs. One
 * script: instances sharing the store each take a different batch, and never close a session twice.
 */
export const CLOSE_IDLE = script(
  'closeIdle',
  `
local ids = redis.call('ZRANGEBYSCORE', P .. 'live', '-inf', '(' .. ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
local out = {}
for _, sid in ipairs(ids) do
  out[#out + 1] = sid
  out[#out + 1] = redis.call('HGET', K('s', sid), 'owner') or ''
  closeOpen(sid, ARGV[4], ARGV[5])
end
return out
`,
);


/** ARGV: P, cutoff, batch. Forgets up to `batch` tombstones closed before cutoff; returns how many. */
export const PURGE = script(
  'purge',
  `
local ids = redis.call('ZRANGEBYSCORE', P .. 'closed', '-inf', '(' .. ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
for _, sid in ipairs(ids) do
  dropTurns(sid)
  local owner = redis.call('HGET', K('s', sid), 'owner')
  if owner then redis.call('ZREM', P .. 'o:' .. owner, sid) end
  local student = redis.call('HGET', K('s', sid), 'student')
  if student then redis.call('SREM', P .. 'st:' .. student, sid) end
  redis.call('DEL', K('s', sid))
  redis.call('ZREM', P .. 'closed', sid)
  redis.call('ZREM', P .. 'act', sid)
end
return #ids
`,
);
