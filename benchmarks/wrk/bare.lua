-- GET of the URL given to wrk (the bare view), no cookies.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
