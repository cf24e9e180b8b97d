-- POST of a questionnaire step (answers saved in the session, 302 to the next step);
-- args: sessions file ("sessionid csrf" per line), the form body's file with CSRF_TOKEN in it.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local req
function init(args)
  local sessions = read_lines(args[1])
  local session, csrf = sessions[id % #sessions + 1]:match("(%S+) (%S+)")
  local body = read_lines(args[2])[1]:gsub("CSRF_TOKEN", csrf)
  req = wrk.format("POST", nil, {
    Cookie = "sessionid=" .. session .. "; csrftoken=" .. csrf,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body)
end

function request() return req end

function response(status, headers, body)
  if status == 302 then good = good + 1 else bad = bad + 1 end
end
