-- One request for a rate permit (org.thinkqueue.limit.Gcra, the generic cell rate algorithm, with turns for the
-- callers it denies), on Redis's clock.
-- KEYS[1] the key's rate hash {<namespace>:<key>}:rate, fields tat (theoretical arrival time) and turn (the next
-- denied caller's turn), Unix microseconds
-- ARGV[1] emission interval µs, ARGV[2] burst tolerance µs, ARGV[3] the longest delay the caller waits for a slot, µs
-- Returns { 1, delay µs } granted (its slot opens after delay), or { 0, delay µs } denied (come back after delay).
-- The hash expires once both times have passed: an idle key is the same as a new one.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local max_delay = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tat', 'turn')
local tat = math.max(tonumber(state[1]) or 0, now)
local turn = tonumber(state[2]) or 0
local start = tat - tolerance
local wait = start - now
local granted, delay
if wait <= max_delay then
  granted = 1
  delay = math.max(wait, 0)
  tat = tat + interval
else
  granted = 0
  turn = math.max(turn, start)
  delay = turn - now
  turn = turn + interval
end
redis.call('HSET', KEYS[1], 'tat', string.format('%.0f', tat), 'turn', string.format('%.0f', turn))
redis.call('PEXPIRE', KEYS[1], math.ceil((math.max(tat, turn) - now) / 1000) + 1000)
return { granted, delay }
