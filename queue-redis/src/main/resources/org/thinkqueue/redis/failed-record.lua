-- Records a failed job: a new id, the record in the hash, the id in the time index, atomically.
-- KEYS[1] id counter, KEYS[2] records hash, KEYS[3] index zset; ARGV[1] record JSON without id, ARGV[2] time in ms
local id = redis.call('INCR', KEYS[1])
local record = '{"id":"' .. id .. '",' .. string.sub(ARGV[1], 2)
redis.call('HSET', KEYS[2], id, record)
redis.call('ZADD', KEYS[3], ARGV[2], id)
return id
