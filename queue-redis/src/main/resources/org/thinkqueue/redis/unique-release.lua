-- Frees a unique key if the job with this id holds it (compare-and-delete), e.g. as the attempt of a job held until
-- processing starts. KEYS[1] unique key; ARGV[1] the job's id. Returns 1 if it was freed.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
