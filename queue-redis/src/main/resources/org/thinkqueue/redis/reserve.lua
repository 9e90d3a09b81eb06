-- Reserves up to ARGV[2] jobs of one queue, atomically (think-queue's LPOP + ZADD, issue #94, in one step).
-- KEYS[1] ready list, KEYS[2] delayed zset, KEYS[3] reserved zset
-- ARGV[1] retryAfter in seconds ("-1": reservations never expire), ARGV[2] max jobs, ARGV[3] wire format "1" or "3"
-- First moves due delayed jobs and expired reservations to the ready list (as think-queue's migrate), then pops.
-- Attempts are counted here, in the reserved copy, with attempts.lua's in-place edit.
-- Returns { original1, from1, to1, text1, attempts1, id1, original2, ... }: the reserved member is the original with
-- bytes from..to replaced by text (from = 0: the original as is), so a big payload crosses the network once;
-- attempts is this reservation's number (1 for the first run), id the raw JSON text of the top-level "id" ("" if there
-- is none or it is over 256 bytes).
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local retry = tonumber(ARGV[1])
local max = tonumber(ARGV[2])
local v1 = ARGV[3] == '1'

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
  local attempts = 1
  local id = ''
  local from, to, text = 0, 0, ''
  local loc = locate(job)
  if loc then
    if v1 then
      -- 1.x reserves the popped string as is, unless its attempts must be normalised to count later bumps.
      attempts = v1_attempts(job, loc)
      if not loc.av or string.sub(job, loc.av, loc.ae) ~= string.format('%d', attempts) then
        from, to, text = attempts_edit(job, loc, attempts)
      end
    else
      attempts = (count_of(job, loc) or 0)
      if attempts < 0 then
        attempts = 0
      end
      attempts = attempts + 1
      from, to, text = attempts_edit(job, loc, attempts)
    end
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
