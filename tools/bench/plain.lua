-- A plain GET of the URL given to wrk (nginx's file, /api/health).
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
