-- POST /api/serviceaccounts/$BENCH_SA_ID/tokens with a unique name per
-- request, authenticated as the server admin ($BENCH_AUTH: a full
-- Authorization header value). $BENCH_RUN makes names unique across runs.
local path = "/api/serviceaccounts/" .. os.getenv("BENCH_SA_ID") .. "/tokens"
local auth = os.getenv("BENCH_AUTH")
local run = os.getenv("BENCH_RUN") or "0"

local thread_counter = 0
function setup(thread)
  thread_counter = thread_counter + 1
  thread:set("tid", thread_counter)
end

local n = 0
function request()
  n = n + 1
  local body = '{"name":"bench-' .. run .. '-' .. (tid or 0) .. '-' .. n ..
               '","secondsToLive":86400}'
  return wrk.format("POST", path, { Authorization = auth,
                                     ["Content-Type"] = "application/json" },
                    body)
end

dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
