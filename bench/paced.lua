-- Pacing for wrk scripts: a fixed send schedule per wrk thread, so latency is measured at an
-- offered rate instead of at saturation. Used by bench/apply.lua and bench/resume_get.lua:
--
--   local paced = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "paced.lua")
--   delay = paced(rate, threads)  -- rate: requests/s across all threads; nil or ≤ 0: no pacing
--
-- Each thread sends every threads ÷ rate seconds. A request falling behind schedule goes at once,
-- so a stall shows in the latencies of every request queued behind it rather than thinning the
-- schedule. wrk's Lua has no sub-second clock, so the clock comes through LuaJIT's FFI.
local ffi = require("ffi")
pcall(ffi.cdef, [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clk_id, bench_timespec *tp);
]])
local now_ts = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, now_ts) -- CLOCK_MONOTONIC
  return tonumber(now_ts.tv_sec) * 1000 + tonumber(now_ts.tv_nsec) / 1e6
end

return function(rate, threads)
  if not rate or rate <= 0 then
    return function() return 0 end
  end
  local interval_ms, next_at = 1000 * threads / rate, nil
  return function()
    local now = now_ms()
    next_at = (next_at or now) + interval_ms
    return math.max(0, next_at - interval_ms - now)
  end
end
