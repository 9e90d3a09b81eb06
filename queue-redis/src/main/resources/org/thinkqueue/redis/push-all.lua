-- Stores several payloads on several queues, all or none (publishing an event to its subscribers). A script that
-- fails half way keeps its earlier writes, so every key's type is checked before the first write.
-- KEYS per push i: KEYS[3i-2] ready list, KEYS[3i-1] delayed zset, KEYS[3i] notify list (repeats allowed)
-- ARGV[1] notify length; per push i: ARGV[2i] payload, ARGV[2i+1] delay in seconds ('0' for now)
local n = #KEYS / 3
for i = 1, #KEYS do
  local kind = redis.call('TYPE', KEYS[i])['ok']
  local want = (i % 3 == 2) and 'zset' or 'list'
  if kind ~= 'none' and kind ~= want then
    return redis.error_reply('WRONGTYPE ' .. KEYS[i] .. ' holds a ' .. kind .. ', not a ' .. want
      .. '; no job of the publish was written')
  end
end
local now
for i = 1, n do
  if tonumber(ARGV[2 * i + 1]) > 0 then
    local t = redis.call('TIME')
    now = tonumber(t[1]) + tonumber(t[2]) / 1000000
    break
  end
end
for i = 1, n do
  local delay = tonumber(ARGV[2 * i + 1])
  if delay > 0 then
    redis.call('ZADD', KEYS[3 * i - 1], string.format('%.6f', now + delay), ARGV[2 * i])
  else
    redis.call('RPUSH', KEYS[3 * i - 2], ARGV[2 * i])
  end
end
local woken = {}
for i = 1, n do
  local key = KEYS[3 * i]
  if not woken[key] then
    woken[key] = true
    redis.call('RPUSH', key, '1')
    redis.call('LTRIM', key, -tonumber(ARGV[1]), -1)
  end
end
return n
