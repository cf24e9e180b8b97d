-- GET of stored intakes' results pages, cycling through their tokens; args: tokens file.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local requests, next_index = {}, 1
function init(args)
  for _, token in ipairs(read_lines(args[1])) do
    table.insert(requests, wrk.format("GET", "/intake/results/" .. token .. "/"))
  end
  next_index = id % #requests + 1
end

function request()
  local req = requests[next_index]
  next_index = next_index % #requests + 1
  return req
end

function response(status, headers, body)
  if status == 200 then good = good + 1 else bad = bad + 1 end
end
