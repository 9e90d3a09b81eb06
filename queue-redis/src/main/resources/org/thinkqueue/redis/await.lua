-- For an idle worker: how long until one of its queues may have work. Returns -1 if a ready list is not empty,
-- else milliseconds until the earliest delayed job is due or reservation expires (capped by ARGV[1]).
-- KEYS: for each queue, its ready list, delayed zset and reserved zset, in that order. ARGV[1] cap in ms.
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local wait = tonumber(ARGV[1]) / 1000
for i = 1, #KEYS, 3 do
  if redis.call('LLEN', KEYS[i]) > 0 then
    return -1
  end
  for j = 1, 2 do
    local first = redis.call('ZRANGE', KEYS[i + j], 0, 0, 'WITHSCORES')
    if first[2] then
      local due = tonumber(first[2]) - now
      if due < wait then
        wait = due
      end
    end
  end
end
if wait <= 0 then
  return -1
end
-- Rounded up: a wait that ended a fraction of a millisecond early would find nothing due and come back at
-- once, spinning through the last millisecond.
return math.ceil(wait * 1000)
