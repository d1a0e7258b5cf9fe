-- GET /api/auth/verify with a valid secret drawn at random per request from
-- the file named by $BENCH_SECRETS (one secret per line).
local headers = {}
local count = 0
local file = assert(io.open(os.getenv("BENCH_SECRETS"), "r"))
for line in file:lines() do
  if #line > 0 then
    count = count + 1
    headers[count] = "Bearer " .. line
  end
end
file:close()

local thread_counter = 0
function setup(thread)
  thread_counter = thread_counter + 1
  thread:set("seed", thread_counter)
end

function init(args)
  math.randomseed(os.time() + (seed or 0) * 7919)
end

function request()
  return wrk.format("GET", "/api/auth/verify",
                    { Authorization = headers[math.random(count)] })
end

dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
