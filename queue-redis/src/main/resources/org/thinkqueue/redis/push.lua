-- Pushes payloads to the ready list and a wake-up token to the bounded notify list.
-- KEYS[1] ready list, KEYS[2] notify list; ARGV[1] notify length, ARGV[2..] payloads
local n = redis.call('RPUSH', KEYS[1], unpack(ARGV, 2))
redis.call('RPUSH', KEYS[2], '1')
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[1]), -1)
return n
