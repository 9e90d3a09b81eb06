-- Ends a reservation and schedules the job again, atomically (think-queue does ZREM then ZADD separately).
-- KEYS[1] reserved zset, KEYS[2] delayed zset, KEYS[3] notify list
-- ARGV[1] the exact reserved member, ARGV[2] delay in seconds, ARGV[3] the attempt rule 'reserve' or 'release'
-- (attempts.lua), ARGV[4] notify length
-- A reservation that already expired (and went back to the queue) is left alone: returns 0.
if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then
  return 0
end
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local member = ARGV[1]
if ARGV[3] == 'release' then
  -- 1.x stores attempts + 1 in the released copy; 3.x counted this attempt at reservation.
  member = v1_bumped(member)
end
redis.call('ZADD', KEYS[2], string.format('%.6f', now + tonumber(ARGV[2])), member)
redis.call('RPUSH', KEYS[3], '1')
redis.call('LTRIM', KEYS[3], -tonumber(ARGV[4]), -1)
return 1
