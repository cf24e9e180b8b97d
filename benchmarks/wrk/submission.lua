-- A whole intake per patient: the 5 step POSTs then the review POST, on a new session each
-- time; each completed submission's time (first request sent -> results redirect) goes into
-- `ops`. args: the flow file ("path<TAB>body" per request, CSRF_TOKEN in bodies), the CSRF
-- secret this client holds.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local flow, position, session, started = {}, 1, nil, nil
local csrf

function init(args)
  csrf = args[2]
  for _, line in ipairs(read_lines(args[1])) do
    local path, body = line:match("^([^\t]+)\t?(.*)$")
    table.insert(flow, {path = path, body = body:gsub("CSRF_TOKEN", csrf)})
  end
end

function request()
  local step = flow[position]
  if position == 1 then
    session = nil
    started = now_ms()
  end
  local cookie = "csrftoken=" .. csrf
  if session then cookie = cookie .. "; sessionid=" .. session end
  return wrk.format("POST", step.path, {
    Cookie = cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, step.body)
end

function response(status, headers, body)
  local location = headers["Location"] or ""
  local cookie = headers["Set-Cookie"]
  if cookie then
    local value = cookie:match("sessionid=([^;]+)")
    if value then session = value end
  end
  if status ~= 302 or (position == #flow and not location:find("/intake/results/", 1, true)) then
    bad = bad + 1
    position = 1 -- start a new submission
    return
  end
  if position == #flow then
    good = good + 1
    table.insert(ops, now_ms() - started)
    position = 1
  else
    position = position + 1
  end
end
