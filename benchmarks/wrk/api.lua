-- POST /api/v1/recommendations with the guide's worked example; args: the JSON body's file.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local req
function init(args)
  local file = io.open(args[1], "rb")
  local body = file:read("*a")
  file:close()
  req = wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end

function request() return req end

function response(status, headers, body)
  if status == 200 then good = good + 1 else bad = bad + 1 end
end
