-- wrk script: GET /api/v1/jobs/{id} with a random id per request, read from the ids file that
-- `hiresafe seed --jobs N --ids-out FILE` wrote. Usage: wrk ... -s bench/job_get.lua URL -- FILE
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
end

function request()
  return wrk.format("GET", "/api/v1/jobs/" .. ids[math.random(#ids)])
end
