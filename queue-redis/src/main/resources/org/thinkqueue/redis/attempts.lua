-- think-queue's attempt rules (WireFormat.bumpsOnReserve/bumpsOnRelease/attemptOnReserve) in Lua: the one prelude
-- RedisScript puts in front of every script that counts an attempt (reserve.lua, release.lua). It finds the top-level
-- "attempts" and "id" of a payload without decoding it, so that editing attempts changes those digits and no other
-- byte (cjson would corrupt integers above 2^53 and turn {} into []). A payload whose attempts is missing, a string
-- ("2"), negative, fractional or null still counts its reservations: the value is normalised, or inserted as the last
-- member. "attempts" inside "data" (or any nested value) is never touched.
-- The scripts pass the rule as an argument: 'reserve' (3.x counts an attempt when a job is reserved) or 'release'
-- (1.x counts it when a job is released or its reservation expires).

local MAX_COUNT = 2147483646

-- Position of the quote that closes the string opening at p, or nil.
local function string_end(s, p)
  local q = p + 1
  while true do
    local e = string.find(s, '["\\]', q)
    if not e then
      return nil
    end
    if string.byte(s, e) == 34 then
      return e
    end
    q = e + 2
  end
end

-- Position of the last byte of the JSON value starting at p, or nil. Jumps with string.find, so a large payload
-- costs a few C-level scans, not a Lua loop per byte.
local function value_end(s, p)
  local c = string.byte(s, p)
  if c == 34 then
    return string_end(s, p)
  end
  if c == 123 or c == 91 then
    local depth = 1
    local q = p
    while true do
      q = string.find(s, '[%[%]{}"]', q + 1)
      if not q then
        return nil
      end
      local b = string.byte(s, q)
      if b == 34 then
        q = string_end(s, q)
        if not q then
          return nil
        end
      elseif b == 123 or b == 91 then
        depth = depth + 1
      else
        depth = depth - 1
        if depth == 0 then
          return q
        end
      end
    end
  end
  local e = string.find(s, '[ \t\r\n,}%]]', p)
  e = (e or #s + 1) - 1
  if e < p then
    return nil
  end
  return e
end

local function skip_ws(s, p)
  return string.find(s, '[^ \t\r\n]', p)
end

-- Where the top-level members are: {av, ae} the value of the last "attempts", {iv, ie} of the last "id" (absent if
-- the payload has none), last = the last byte of the last member (or the opening brace), empty = no members.
-- nil if the payload is not a JSON object.
local function locate(s)
  -- PHP's and this library's shape, read from the tail: ...,"id":"<id>","attempts":N}
  local init = #s - 300
  if init < 1 then
    init = 1
  end
  local m, _, iv, ie, av, ae = string.find(s, '[,{]"id":()"[^"\\]*"(),"attempts":()%d+()}$', init)
  if m then
    return {av = av, ae = ae - 1, iv = iv, ie = ie - 1, last = ae - 1}
  end
  local p = 1
  if string.sub(s, 1, 3) == '\239\187\191' then
    p = 4
  end
  p = skip_ws(s, p)
  if not p or string.byte(s, p) ~= 123 then
    return nil
  end
  local r = {last = p, empty = true}
  p = skip_ws(s, p + 1)
  if not p then
    return nil
  end
  if string.byte(s, p) == 125 then
    return r
  end
  while true do
    if string.byte(s, p) ~= 34 then
      return nil
    end
    local ke = string_end(s, p)
    if not ke then
      return nil
    end
    local key = nil
    if ke - p <= 9 then
      key = string.sub(s, p + 1, ke - 1)
    end
    p = skip_ws(s, ke + 1)
    if not p or string.byte(s, p) ~= 58 then
      return nil
    end
    p = skip_ws(s, p + 1)
    if not p then
      return nil
    end
    local ve = value_end(s, p)
    if not ve then
      return nil
    end
    if key == 'attempts' then
      r.av, r.ae = p, ve
    elseif key == 'id' then
      r.iv, r.ie = p, ve
    end
    r.last = ve
    r.empty = false
    p = skip_ws(s, ve + 1)
    if not p then
      return nil
    end
    local c = string.byte(s, p)
    if c == 125 then
      return r
    end
    if c ~= 44 then
      return nil
    end
    p = skip_ws(s, p + 1)
    if not p then
      return nil
    end
  end
end

-- The whole number an attempts value stands for (a number, or a string holding one), floored and clamped; nil if
-- the field is missing or holds anything else (null, true, an object...).
local function count_of(s, loc)
  if not loc.av or loc.ae - loc.av > 40 then
    return nil
  end
  local v = string.sub(s, loc.av, loc.ae)
  if string.byte(v, 1) == 34 then
    v = string.sub(v, 2, -2)
  end
  if not string.find(v, '^%s*%-?%d*%.?%d*[eE]?[%-+]?%d*%s*$') then
    return nil
  end
  local n = tonumber(v)
  if not n or n ~= n then
    return nil
  end
  n = math.floor(n)
  if n > MAX_COUNT then
    return MAX_COUNT
  end
  if n < -1 then
    return -1
  end
  return n
end

-- The edit that sets the top-level attempts to n: bytes from..to of s are replaced by text (to = from - 1: an
-- insertion, appending "attempts" as the last member).
local function attempts_edit(s, loc, n)
  local text = string.format('%d', n)
  if loc.av then
    return loc.av, loc.ae, text
  end
  local sep = ','
  if loc.empty then
    sep = ''
  end
  return loc.last + 1, loc.last, sep .. '"attempts":' .. text
end

local function apply_edit(s, from, to, text)
  return string.sub(s, 1, from - 1) .. text .. string.sub(s, to + 1)
end

-- The payload with its top-level attempts set to n.
local function with_attempts(s, loc, n)
  return apply_edit(s, attempts_edit(s, loc, n))
end

-- 1.x: attempts is the 1-based number of the attempt about to run; a release or an expiry adds one.
local function v1_attempts(s, loc)
  local n = count_of(s, loc) or 1
  if n < 1 then
    n = 1
  end
  return n
end

-- 1.x release and expiry: the copy that goes back to the queue, attempts + 1 (unreadable payloads unchanged).
local function v1_bumped(s)
  local loc = locate(s)
  if not loc then
    return s
  end
  return with_attempts(s, loc, math.min(v1_attempts(s, loc) + 1, MAX_COUNT + 1))
end

-- A popped job's reserved copy and this reservation's attempt number, by the rule: 'reserve' counts the reservation
-- (stored + 1, written into the copy); 'release' counted it already (at least 1; the copy is normalised only when the
-- stored value says otherwise). Returns attempts, from, to, text: the edit that makes the copy (from = 0: none).
local function reserve_edit(s, loc, rule)
  if rule == 'release' then
    local n = v1_attempts(s, loc)
    if loc.av and string.sub(s, loc.av, loc.ae) == string.format('%d', n) then
      return n, 0, 0, ''
    end
    return n, attempts_edit(s, loc, n)
  end
  local n = count_of(s, loc) or 0
  if n < 0 then
    n = 0
  end
  n = n + 1
  return n, attempts_edit(s, loc, n)
end
