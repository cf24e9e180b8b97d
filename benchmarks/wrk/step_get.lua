-- GET of a questionnaire step by a patient with a draft; args: sessions file ("sessionid csrf"
-- per line). Each connection is one patient with its own session.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local req
function init(args)
  local sessions = read_lines(args[1])
  local session, csrf = sessions[id % #sessions + 1]:match("(%S+) (%S+)")
  req = wrk.format("GET", nil, {Cookie = "sessionid=" .. session .. "; csrftoken=" .. csrf})
end

function request() return req end

function response(status, headers, body)
  if status == 200 then good = good + 1 else bad = bad + 1 end
end
