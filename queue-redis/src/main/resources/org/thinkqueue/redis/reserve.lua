-- Reserves up to ARGV[2] jobs of one queue, atomically (think-queue's LPOP + ZADD, issue #94, in one step).
-- KEYS[1] ready list, KEYS[2] delayed zset, KEYS[3] reserved zset
-- ARGV[1] retryAfter in seconds ("-1": reservations never expire), ARGV[2] max jobs, ARGV[3] the attempt rule,
-- 'reserve' (3.x) or 'release' (1.x): see attempts.lua
-- First moves due delayed jobs and expired reservations to the ready list (as think-queue's migrate), then pops.
-- Attempts are counted with attempts.lua's in-place edit: in the reserved copy, or (1.x) in an expired one.
-- Returns { original1, from1, to1, text1, attempts1, id1, original2, ... }: the reserved member is the original with
-- bytes from..to replaced by text (from = 0: the original as is), so a big payload crosses the network once;
-- attempts is this reservation's number (1 for the first run), id the raw JSON text of the top-level "id" ("" if there
-- is none or it is over 256 bytes).
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local retry = tonumber(ARGV[1])
local max = tonumber(ARGV[2])
local rule = ARGV[3]

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
        chunk[j] = v1_bumped(chunk[j])
      end
    end
    redis.call('RPUSH', to, unpack(chunk))
  end
end

migrate(KEYS[2], KEYS[1], false)
if retry >= 0 then
  -- 1.x counts an expired reservation as an attempt when it goes back; 3.x already counted it at reservation.
  migrate(KEYS[3], KEYS[1], rule == 'release')
end

local score = retry >= 0 and string.format('%.6f', now + retry) or '+inf'
local out = {}
for i = 1, max do
  local job = redis.call('LPOP', KEYS[1])
  if not job then
    break
  end
  local reserved = job
  local attempts = 1
  local id = ''
  local from, to, text = 0, 0, ''
  local loc = locate(job)
  if loc then
    attempts, from, to, text = reserve_edit(job, loc, rule)
    if from > 0 then
      reserved = apply_edit(job, from, to, text)
    end
    if loc.iv and loc.ie - loc.iv < 256 then
      id = string.sub(job, loc.iv, loc.ie)
    end
  end
  redis.call('ZADD', KEYS[3], score, reserved)
  out[#out + 1] = job
  out[#out + 1] = from
  out[#out + 1] = to
  out[#out + 1] = text
  out[#out + 1] = attempts
  out[#out + 1] = id
end
return out
