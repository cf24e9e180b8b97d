-- Shared by the wrk scripts: one connection per thread (wrk -t N -c N), so each thread's Lua
-- state is one client's state. done() prints one machine-readable line for benchmarks/harness.py.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clk_id, bench_timespec *tp);
]]
local clock = ffi.new("bench_timespec")

function now_ms()
  ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end

function read_lines(path)
  local lines = {}
  for line in io.lines(path) do
    if line ~= "" then table.insert(lines, line) end
  end
  return lines
end

-- Per thread: responses with an unexpected status, and completed operations' times (ms).
bad = 0
good = 0
ops = {}

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local bad_total, good_total, all_ops = 0, 0, {}
  for _, thread in ipairs(threads) do
    bad_total = bad_total + (thread:get("bad") or 0)
    good_total = good_total + (thread:get("good") or 0)
    local thread_ops = thread:get("ops")
    if thread_ops then
      for _, value in ipairs(thread_ops) do table.insert(all_ops, value) end
    end
  end
  local e = summary.errors
  io.write(string.format(
    'BENCHJSON {"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "mean_us": %.1f, ' ..
    '"max_us": %d, "bad": %d, "good": %d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean,
    latency.max, bad_total, good_total))
  for i = 1, #all_ops, 500 do
    local chunk = {}
    for j = i, math.min(i + 499, #all_ops) do table.insert(chunk, string.format("%.3f", all_ops[j])) end
    io.write("BENCHOPS " .. table.concat(chunk, " ") .. "\n")
  end
end
