-- Takes one of N leases on a key if one is free, on Redis's clock.
-- KEYS[1] the key's lease zset {<namespace>:<key>}:leases, member = token, score = expiry in Unix microseconds
-- ARGV[1] N, ARGV[2] lease time µs, ARGV[3] the new lease's token
-- Returns 1 if taken, 0 if all N are held. Expired leases are dropped first; the zset expires with its last lease.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%.0f', now))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
  return 0
end
redis.call('ZADD', KEYS[1], string.format('%.0f', now + tonumber(ARGV[2])), ARGV[3])
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
redis.call('PEXPIRE', KEYS[1], math.ceil((tonumber(last[2]) - now) / 1000) + 1000)
return 1
