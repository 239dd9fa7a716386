-- wrk script: GET /api/v1/jobs/{id} with a random id per request, read from the ids file that
-- `hiresafe seed --jobs N --ids-out FILE` wrote. Usage: wrk ... -s bench/job_get.lua URL -- FILE
-- With JOB_WALK=1 each of the JOB_WALK_THREADS (default 2) threads instead walks its own share
-- of the ids in order, so a run of at least N requests reads every post once (a warm-up).
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_no", threads)
end

local ids = {}
function init(args)
  local path = args[1] or os.getenv("JOB_IDS")
  for line in io.lines(path) do
    if #line > 0 then ids[#ids + 1] = line end
  end
  if #ids == 0 then error("no job ids in " .. tostring(path)) end
  math.randomseed(os.time() * 100 + (thread_no or 0))
  if os.getenv("JOB_WALK") == "1" then
    local share = math.floor(#ids / tonumber(os.getenv("JOB_WALK_THREADS") or "2"))
    next_id = ((thread_no or 1) - 1) * share
  end
end

function request()
  local id
  if next_id then
    next_id = next_id % #ids + 1
    id = ids[next_id]
  else
    id = ids[math.random(#ids)]
  end
  return wrk.format("GET", "/api/v1/jobs/" .. id)
end
