-- Deletes a unique job's reservation (the ZREM of a plain delete) and frees its unique key if this job holds it
-- (compare-and-delete by id), atomically. A reservation that already expired (the job went back to the queue and
-- still exists) frees nothing.
-- KEYS[1] reserved zset, KEYS[2] unique key; ARGV[1] the exact reserved member, ARGV[2] the job's id
local removed = redis.call('ZREM', KEYS[1], ARGV[1])
if removed == 1 and redis.call('GET', KEYS[2]) == ARGV[2] then
  redis.call('DEL', KEYS[2])
end
return removed
