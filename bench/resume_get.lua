-- wrk script: a verified recruiter's GET /api/v1/resumes/{id}, a random id per request, from the
-- ids file that `hiresafe seed --resumes N --resume-ids-out FILE` wrote, with the bearer token
-- that `--token-out FILE` wrote. Usage: wrk ... -s bench/resume_get.lua URL -- IDS TOKEN_FILE
-- (or the RESUME_IDS and RESUME_TOKEN environment variables, which bench/resumes.sh sets).
-- RESUME_RATE (requests/s across all threads) with RESUME_THREADS (wrk's -t) sends on a fixed
-- schedule (bench/paced.lua) to measure latency at that offered rate; unset, each connection
-- sends as soon as its last answer came (saturation).
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_no", threads)
end

local ids = {}
function init(args)
  local path = args[1] or os.getenv("RESUME_IDS")
  for line in io.lines(path) do
    if #line > 0 then ids[#ids + 1] = line end
  end
  if #ids == 0 then error("no resume ids in " .. tostring(path)) end
  local token_path = args[2] or os.getenv("RESUME_TOKEN")
  local file = assert(io.open(token_path, "r"))
  local token = file:read("*l")
  file:close()
  if not token or #token == 0 then error("no token in " .. tostring(token_path)) end
  -- Each thread has its own Lua state, so this sets the header for this thread's requests.
  wrk.headers["Authorization"] = "Bearer " .. token
  math.randomseed(os.time() * 100 + (thread_no or 0))
end

local paced = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "paced.lua")
local pace = nil
function delay()
  if not pace then
    local rate = tonumber(os.getenv("RESUME_RATE") or "")
    local threads = tonumber(os.getenv("RESUME_THREADS") or "")
    if rate and not threads then error("RESUME_RATE needs RESUME_THREADS (wrk's -t)") end
    pace = paced(rate, threads)
  end
  return pace()
end

function request()
  return wrk.format("GET", "/api/v1/resumes/" .. ids[math.random(#ids)])
end
