-- GET of the URL given to wrk, no cookies (a new visitor each request); 200 expected.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

function response(status, headers, body)
  if status == 200 then good = good + 1 else bad = bad + 1 end
end
