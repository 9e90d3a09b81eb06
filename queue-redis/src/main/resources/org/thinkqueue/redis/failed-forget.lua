-- Forgets a failed job. KEYS[1] records hash, KEYS[2] index zset; ARGV[1] id. Returns 1 if it existed.
redis.call('ZREM', KEYS[2], ARGV[1])
return redis.call('HDEL', KEYS[1], ARGV[1])
