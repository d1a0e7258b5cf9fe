-- GET /api/auth/verify with a valid secret drawn at random per request from
-- the file named by $BENCH_SECRETS (one secret per line).
-- The requests are formatted once per thread in init(): wrk.format per
-- request cost wrk about 10% of its throughput, on the cores it shares with
-- the server, while the nginx ceiling runs with no per-request Lua at all.
local secrets = {}
local file = assert(io.open(os.getenv("BENCH_SECRETS"), "r"))
for line in file:lines() do
  if #line > 0 then secrets[#secrets + 1] = line end
end
file:close()

local requests = {}
local count = 0
local thread_counter = 0
function setup(thread)
  thread_counter = thread_counter + 1
  thread:set("seed", thread_counter)
end

function init(args)
  math.randomseed(os.time() + (seed or 0) * 7919)
  for i, secret in ipairs(secrets) do
    requests[i] = wrk.format("GET", "/api/auth/verify",
                             { Authorization = "Bearer " .. secret })
  end
  count = #requests
end

function request()
  return requests[math.random(count)]
end

dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
