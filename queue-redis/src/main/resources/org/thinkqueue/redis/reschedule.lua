-- Ends a reservation and schedules the job again, atomically, with its payload replaced and/or the attempt this
-- reservation counted given back (Job.snooze; a worker's release that keeps the fields it stamped into the payload).
-- Runs after attempts.lua's helpers, as release.lua does.
-- KEYS[1] reserved zset, KEYS[2] delayed zset, KEYS[3] notify list
-- ARGV[1] the exact reserved member, ARGV[2] delay in seconds, ARGV[3] the attempt rule 'reserve' (3.x) or 'release'
-- (1.x), ARGV[4] notify length, ARGV[5] '1' to give back this reservation's attempt, ARGV[6] '1' when ARGV[7] is the
-- payload to store instead (the raw body, i.e. the popped copy, with extra top-level fields changed)
-- The stored attempts follow the rule as a release does, from the reserved member's count: 3.x keeps the count the
-- reservation wrote (less one when refunded); 1.x adds one (none when refunded). A reservation that already expired
-- (and went back to the queue) is left alone: returns 0.
if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then
  return 0
end
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local member = ARGV[1]
local refund = ARGV[5] == '1'
local replaced = ARGV[6] == '1'
local copy = member
if replaced then
  copy = ARGV[7]
end
local loc = locate(member)
if loc and (replaced or refund or ARGV[3] == 'release') then
  local n
  if ARGV[3] == 'release' then
    n = v1_attempts(member, loc)
    if not refund then
      n = math.min(n + 1, MAX_COUNT + 1)
    end
  else
    n = count_of(member, loc) or 1
    if refund then
      n = n - 1
    end
    if n < 0 then
      n = 0
    end
  end
  local cloc = loc
  if replaced then
    cloc = locate(copy)
  end
  if cloc then
    copy = with_attempts(copy, cloc, n)
  end
end
redis.call('ZADD', KEYS[2], string.format('%.6f', now + tonumber(ARGV[2])), copy)
redis.call('RPUSH', KEYS[3], '1')
redis.call('LTRIM', KEYS[3], -tonumber(ARGV[4]), -1)
return 1
