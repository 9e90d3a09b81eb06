-- Reserves up to ARGV[2] jobs of one queue, atomically (think-queue's LPOP + ZADD, issue #94, in one step).
-- KEYS[1] ready list, KEYS[2] delayed zset, KEYS[3] reserved zset
-- ARGV[1] retryAfter in seconds ("-1": reservations never expire), ARGV[2] max jobs, ARGV[3] wire format "1" or "3"
-- First moves due delayed jobs and expired reservations to the ready list (as think-queue's migrate), then pops.
-- The attempts bump edits the digits of the trailing "attempts":N in place: every other byte stays as written
-- (cjson would corrupt integers above 2^53 and turn [] into {}).
-- Returns { original1, reserved1, original2, reserved2, ... }.
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local retry = tonumber(ARGV[1])
local max = tonumber(ARGV[2])
local v1 = ARGV[3] == '1'

local function bumped(payload)
  local head, n, tail = string.match(payload, '^(.*[,{]%s*"attempts"%s*:%s*)(%d+)(%s*}%s*)$')
  if head then
    return head .. string.format('%d', tonumber(n) + 1)  .. tail
  end
  return nil
end

local function migrate(from, to, bump)
  local due = redis.call('ZRANGEBYSCORE', from, '-inf', string.format('%.6f', now), 'LIMIT', 0, 1000)
  for i = 1, #due, 100 do
    local chunk = {}
    for j = i, math.min(i + 99, #due) do
      chunk[#chunk + 1] = due[j]
    end
    redis.call('ZREM', from, unpack(chunk))
    if bump then
      for j = 1, #chunk do
        chunk[j] = bumped(chunk[j]) or chunk[j]
      end
    end
    redis.call('RPUSH', to, unpack(chunk))
  end
end

migrate(KEYS[2], KEYS[1], false)
if retry >= 0 then
  -- 1.x counts an expired reservation as an attempt when it goes back; 3.x already counted it at reservation.
  migrate(KEYS[3], KEYS[1], v1)
end

local score = retry >= 0 and string.format('%.6f', now + retry) or '+inf'
local out = {}
for i = 1, max do
  local job = redis.call('LPOP', KEYS[1])
  if not job then
    break
  end
  local reserved = job
  if not v1 then
    reserved = bumped(job) or job
  end
  redis.call('ZADD', KEYS[3], score, reserved)
  out[#out + 1] = job
  out[#out + 1] = reserved
end
return out
