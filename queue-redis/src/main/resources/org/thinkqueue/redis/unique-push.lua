-- A unique job's push (JobOptions.uniqueKey): if the key is held, returns {0, holder id} and writes nothing; else
-- takes it (value = the job's id, TTL = uniqueFor if set, from now) and pushes the payload as push.lua or later.lua
-- would, atomically. The key lives next to the queue's keys ({queues:NAME}:unique:KEY), in its Cluster hash slot.
-- KEYS[1] unique key, KEYS[2] ready list, KEYS[3] delayed zset, KEYS[4] notify list
-- ARGV[1] job id, ARGV[2] payload, ARGV[3] delay in seconds ("0": ready now), ARGV[4] hold in ms ("": until the job
-- ends), ARGV[5] notify length
local holder = redis.call('GET', KEYS[1])
if holder then
  return {0, holder}
end
if ARGV[4] == '' then
  redis.call('SET', KEYS[1], ARGV[1])
else
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[4])
end
local delay = tonumber(ARGV[3])
if delay > 0 then
  local t = redis.call('TIME')
  local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
  redis.call('ZADD', KEYS[3], string.format('%.6f', now + delay), ARGV[2])
else
  redis.call('RPUSH', KEYS[2], ARGV[2])
end
redis.call('RPUSH', KEYS[4], '1')
redis.call('LTRIM', KEYS[4], -tonumber(ARGV[5]), -1)
return {1, ARGV[1]}
