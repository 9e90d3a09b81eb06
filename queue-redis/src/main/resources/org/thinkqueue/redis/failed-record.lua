-- Records a failed job: a new id, the record in the hash, the id in the index, atomically.
-- KEYS[1] id counter, KEYS[2] records hash, KEYS[3] index zset; ARGV[1] record JSON without id
-- The index is scored by the id itself: ids come from one INCR, so they order records as they were recorded, across
-- processes and clocks (a time score ties within a millisecond, and Redis orders ties as strings: "10" < "9").
local top = redis.call('ZRANGE', KEYS[3], -1, -1, 'WITHSCORES')
if top[2] and tonumber(top[2]) ~= tonumber(top[1]) then
  -- An index written by an earlier version (scored by time in ms): rescore it by id, once.
  local ids = redis.call('ZRANGE', KEYS[3], 0, -1)
  for i = 1, #ids, 500 do
    local args = {}
    for j = i, math.min(i + 499, #ids) do
      args[#args + 1] = ids[j]
      args[#args + 1] = ids[j]
    end
    redis.call('ZADD', KEYS[3], unpack(args))
  end
end
local id = redis.call('INCR', KEYS[1])
local record = '{"id":"' .. id .. '",' .. string.sub(ARGV[1], 2)
redis.call('HSET', KEYS[2], id, record)
redis.call('ZADD', KEYS[3], id, id)
return id
