-- Schedules a payload: ZADD to the delayed set scored from Redis TIME + delay (one clock for all producers), and a
-- wake-up token so an idle worker recomputes how long to wait.
-- KEYS[1] delayed zset, KEYS[2] notify list; ARGV[1] payload, ARGV[2] delay in seconds, ARGV[3] notify length
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
redis.call('ZADD', KEYS[1], string.format('%.6f', now + tonumber(ARGV[2])), ARGV[1])
redis.call('RPUSH', KEYS[2], '1')
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[3]), -1)
return 1
