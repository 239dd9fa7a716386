-- wrk script: GET /api/v1/jobs (job search) cycling through the queries of
-- bench/search_queries.tsv: q URL-encoded, with the query's city and salary filters, top 20.
-- Usage: wrk ... -s bench/job_search.lua URL -- FILE   (or JOB_QUERIES=FILE in the environment)
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_no", threads)
end

local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function split_tabs(line)
  local cells, start = {}, 1
  while true do
    local tab = line:find("\t", start, true)
    if not tab then
      cells[#cells + 1] = line:sub(start)
      return cells
    end
    cells[#cells + 1] = line:sub(start, tab - 1)
    start = tab + 1
  end
end

local paths = {}
local next_path = 1
function init(args)
  local file = args[1] or os.getenv("JOB_QUERIES")
  local columns
  for line in io.lines(file) do
    line = line:gsub("\r$", "")
    if #line > 0 and line:sub(1, 1) ~= "#" then
      local cells = split_tabs(line)
      if not columns then
        columns = {}
        for i, name in ipairs(cells) do columns[name] = i end
      else
        local query = { "limit=20" }
        for _, name in ipairs({ "q", "city", "salary_min", "salary_max" }) do
          local v = cells[columns[name]] or ""
          if v ~= "" and v ~= "-" then query[#query + 1] = name .. "=" .. encode(v) end
        end
        paths[#paths + 1] = "/api/v1/jobs?" .. table.concat(query, "&")
      end
    end
  end
  if #paths == 0 then error("no queries in " .. tostring(file)) end
  -- Threads start at different places in the list so they do not ask the same thing together.
  next_path = ((thread_no or 1) - 1) * math.floor(#paths / 2) % #paths + 1
end

function request()
  local path = paths[next_path]
  next_path = next_path % #paths + 1
  return wrk.format("GET", path)
end
