-- wrk script: signed-in seekers apply, POST /api/v1/applications {job_id, resume_id}, and no
-- (seeker, job) pair is sent twice in a run: a repeat answers 200 from the cheap "already
-- applied" path and would flatter the figure. Pair k of a run is seeker k mod S on job k div S
-- (S seekers, so every request is another seeker until they have all applied to one job); wrk
-- thread t of T sends k = t-1, t-1+T, t-1+2T, …, so threads never share a pair.
--
-- Environment (bench/hiring.sh sets it; wrk puts the URL last, so no script arguments):
--   APPLY_THREADS wrk's -t
--   APPLY_TOKENS  file of "<token>\t<resume id>" lines (`hiresafe seed --seeker-tokens-out`)
--   APPLY_JOBS    file of the job ids this run may use, one a line; give every run its own, or
--                 a later run repeats the earlier run's pairs
--   APPLY_RATE    optional: requests per second across all threads. Unset, every connection
--                 sends its next request as soon as the last is answered (saturation). Set, each
--                 thread sends on a fixed schedule (rate ÷ threads), so latency is measured at
--                 that offered rate: a request falling behind schedule goes at once, and a
--                 stall shows in the latencies of every request queued behind it.
--
-- done() prints one line bench/hiring.sh parses:
--   apply: created N other M exhausted E statuses {code=count,...}
-- "other" counts every answer but 201 (non-2xx included); "exhausted" counts requests sent after
-- a thread ran out of pairs, which go to GET /healthz instead and count as other.
local threads = {}
function setup(thread)
  threads[#threads + 1] = thread
  thread:set("thread_no", #threads)
end

local seekers, jobs = {}, {}
local stride, position, pairs_left = 1, 0, 0
created, other, exhausted, statuses = 0, 0, 0, {}

local function lines(path, what)
  if not path or #path == 0 then error(what .. ": no file given") end
  local out = {}
  for line in io.lines(path) do
    if #line > 0 then out[#out + 1] = line end
  end
  if #out == 0 then error(what .. ": nothing in " .. path) end
  return out
end

function init(args)
  for _, line in ipairs(lines(os.getenv("APPLY_TOKENS"), "APPLY_TOKENS")) do
    local token, resume = line:match("^(%S+)\t(%S+)$")
    if not token then error("APPLY_TOKENS: not \"<token>\\t<resume id>\": " .. line) end
    seekers[#seekers + 1] = { "Bearer " .. token, resume }
  end
  jobs = lines(os.getenv("APPLY_JOBS"), "APPLY_JOBS")
  -- wrk runs thread 1's init() before thread 2's setup(), so the count comes from outside.
  stride = tonumber(os.getenv("APPLY_THREADS") or "")
  if not stride or stride < (thread_no or 1) then error("APPLY_THREADS: wrk's -t, please") end
  position = (thread_no or 1) - 1
  local pool = #seekers * #jobs
  -- This thread's pairs: position, position + stride, … below the pool.
  pairs_left = position < pool and math.floor((pool - 1 - position) / stride) + 1 or 0
end

-- APPLY_RATE's schedule (bench/paced.lua), made on the first call: init() has set the stride.
local paced = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "paced.lua")
local pace = nil
function delay()
  pace = pace or paced(tonumber(os.getenv("APPLY_RATE") or ""), stride)
  return pace()
end

function request()
  if pairs_left <= 0 then
    exhausted = exhausted + 1
    return wrk.format("GET", "/healthz", {})
  end
  local k = position
  position = position + stride
  pairs_left = pairs_left - 1
  local seeker = seekers[k % #seekers + 1]
  local job = jobs[math.floor(k / #seekers) + 1]
  -- wrk.format takes these headers instead of wrk.headers, and adds Host and Content-Length.
  return wrk.format("POST", "/api/v1/applications",
    { ["Authorization"] = seeker[1], ["Content-Type"] = "application/json" },
    '{"job_id":"' .. job .. '","resume_id":"' .. seeker[2] .. '"}')
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  else
    other = other + 1
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local c, o, e, codes = 0, 0, 0, {}
  for _, thread in ipairs(threads) do
    c = c + thread:get("created")
    o = o + thread:get("other")
    e = e + thread:get("exhausted")
    for code, n in pairs(thread:get("statuses")) do codes[code] = (codes[code] or 0) + n end
  end
  local list = {}
  for code, n in pairs(codes) do list[#list + 1] = code .. "=" .. n end
  table.sort(list)
  io.write(string.format("apply: created %d other %d exhausted %d statuses {%s}\n", c, o, e,
    table.concat(list, ",")))
end
