-- Extends a reservation while its job runs: the same member gets a new expiry, only if it is still reserved.
-- KEYS[1] reserved zset; ARGV[1] the exact reserved member, ARGV[2] retryAfter in seconds
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  return 0
end
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
redis.call('ZADD', KEYS[1], 'XX', string.format('%.6f', now + tonumber(ARGV[2])), ARGV[1])
return 1
