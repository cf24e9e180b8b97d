-- POST /api/v1/recommendations, a different intake each request; args: the bodies' file (one
-- JSON intake per line). Connections start far apart in the file, so that an intake comes back
-- only after more others than a web process keeps results for (treatments/api.py).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local bodies, turn
function init(args)
  bodies = read_lines(args[1])
  turn = id * 256
end

function request()
  turn = turn + 1
  local body = bodies[turn % #bodies + 1]
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  if status == 200 then good = good + 1 else bad = bad + 1 end
end
