// The Lua scripts of the teachers' records in the Redis store (see redis-course-records.ts).
import { storeScript as script } from './redis-store-lua.js';

/**
 * ARGV: P, student ('' = every student), min score, max score (ZRANGEBYSCORE syntax), beforeScore
 * ('' = none), beforeId, limit. Sessions that still have something to show (open, or closed with
 * turn 1 kept), newest activity first, ties by higher id, after (beforeScore, beforeId), each as
 * {sid, session hash, first question}. Every student's: read from `P act` in chunks, so skipped
 * sessions cost no extra call. One student's: from the student's own set (a student has few).
 */
export const LIST_SESSIONS = script(
  'listSessions',
  `
local student, min, max, beforeScore, beforeId, limit = ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], tonumber(ARGV[7])
local out = {}
local function consider(sid, score)
  if beforeScore ~= '' and score == tonumber(beforeScore) and sid >= beforeId then return end
  local s = K('s', sid)
  if redis.call('EXISTS', s) == 0 then return end
  local first = redis.call('HGET', T(sid, 1), 'content')
  if first or redis.call('HEXISTS', s, 'closedAt') == 0 then out[#out + 1] = {sid, redis.call('HGETALL', s), first or ''} end
end
if student == '' then
  local offset = 0
  while #out < limit do
    local chunk = redis.call('ZREVRANGEBYSCORE', P .. 'act', max, min, 'WITHSCORES', 'LIMIT', offset, 100)
    if #chunk == 0 then break end
    offset = offset + #chunk / 2
    for i = 1, #chunk, 2 do
      if #out < limit then consider(chunk[i], tonumber(chunk[i + 1])) end
    end
  end
  return out
end
-- One student: their sessions by lastActiveAt (taken from the session hash), in the score range.
local lo = min == '-inf' and -math.huge or tonumber(min)
local hiOpen = string.sub(max, 1, 1) == '('
local hi = max == '+inf' and math.huge or tonumber(hiOpen and string.sub(max, 2) or max)
local mine = {}
for _, sid in ipairs(redis.call('SMEMBERS', P .. 'st:' .. student)) do
  local at = tonumber(redis.call('HGET', K('s', sid), 'lastActiveAt'))
  if at and at >= lo and (at < hi or (not hiOpen and at == hi)) then mine[#mine + 1] = {sid, at} end
end
table.sort(mine, function(a, b) if a[2] ~= b[2] then return a[2] > b[2] end return a[1] > b[1] end)
for _, m in ipairs(mine) do
  if #out >= limit then break end
  consider(m[1], m[2])
end
return out
`,
);

/**
 * ARGV: P, id, at, student ('' = none), record JSON. Stores or replaces one moderation record,
 * with its place in the time index and its student's set (moved when a replacement names another).
 */
export const SAVE_MODERATION = script(
  'saveModeration',
  `
local id, student = ARGV[2], ARGV[4]
local old = redis.call('HGET', P .. 'mod', id)
if old then
  local was = cjson.decode(old).student
  if type(was) == 'string' then redis.call('SREM', P .. 'mods:' .. was, id) end
end
redis.call('HSET', P .. 'mod', id, ARGV[5])
redis.call('ZADD', P .. 'modt', ARGV[3], id)
if student ~= '' then redis.call('SADD', P .. 'mods:' .. student, id) end
return 1
`,
);

/**
 * ARGV: P, min score, max score, beforeScore ('' = none), beforeId, limit. The moderation log
 * newest first, ties by higher id (ZREVRANGEBYSCORE's own order), after (beforeScore, beforeId):
 * the records' JSON.
 */
export const LIST_MODERATION = script(
  'listModeration',
  `
local min, max, beforeScore, beforeId, limit = ARGV[2], ARGV[3], ARGV[4], ARGV[5], tonumber(ARGV[6])
local out, offset = {}, 0
while #out < limit do
  local chunk = redis.call('ZREVRANGEBYSCORE', P .. 'modt', max, min, 'WITHSCORES', 'LIMIT', offset, 100)
  if #chunk == 0 then break end
  offset = offset + #chunk / 2
  for i = 1, #chunk, 2 do
    local id = chunk[i]
    local after = beforeScore == '' or tonumber(chunk[i + 1]) ~= tonumber(beforeScore) or id < beforeId
    if after and #out < limit then
      local r = redis.call('HGET', P .. 'mod', id)
      if r then out[#out + 1] = r end
    end
  end
end
return out
`,
);

/** ARGV: P, cutoff, limit. Deletes up to `limit` moderation records from before cutoff; returns how many. */
export const PURGE_MODERATION = script(
  'purgeModeration',
  `
local ids = redis.call('ZRANGEBYSCORE', P .. 'modt', '-inf', '(' .. ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
for _, id in ipairs(ids) do
  local r = redis.call('HGET', P .. 'mod', id)
  if r then
    local student = cjson.decode(r).student
    if type(student) == 'string' then redis.call('SREM', P .. 'mods:' .. student, id) end
  end
  redis.call('HDEL', P .. 'mod', id)
  redis.call('ZREM', P .. 'modt', id)
end
return #ids
`,
);

/** ARGV: P, cutoff, limit. Deletes up to `limit` group decisions taken before cutoff; returns how many. */
export const PURGE_GROUPS = script(
  'purgeGroups',
  `
local ids = redis.call('ZRANGEBYSCORE', P .. 'grpt', '-inf', '(' .. ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
for _, id in ipairs(ids) do
  redis.call('HDEL', P .. 'grp', id)
  redis.call('ZREM', P .. 'grpt', id)
end
return #ids
`,
);
