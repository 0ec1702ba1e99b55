-- POST /api/robots/{id}/heartbeats, each connection cycling through the robots listed in
-- ROBOTS_FILE ("id token" per line) with that robot's own token.
local threads = {}
local robots = {}
for line in io.lines(os.getenv("ROBOTS_FILE")) do
  local id, token = line:match("^(%S+) (%S+)$")
  table.insert(robots, { path = "/api/robots/" .. id .. "/heartbeats", auth = "Bearer " .. token })
end
local body = '{"sensors":{"camera_feed":"ok","force_sensor":"ok"},"mode":"cloud","backlog":0}'
local counter = 0

function setup(thread)
  thread:set("offset", #threads * 7919)
  table.insert(threads, thread)
end

function init(args)
  bad = 0
  counter = offset
end

function request()
  counter = counter + 1
  local robot = robots[(counter % #robots) + 1]
  return wrk.format("POST", robot.path,
    { ["Content-Type"] = "application/json", ["Authorization"] = robot.auth }, body)
end

function response(status, headers, body)
  if status ~= 204 then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local bad_total = 0
  for _, thread in ipairs(threads) do
    bad_total = bad_total + thread:get("bad")
  end
  local e = summary.errors
  io.write(string.format('RESULT {"requests":%d,"errors":%d,"rate":%.1f,"p99_ms":%.3f}\n',
    summary.requests, bad_total + e.connect + e.read + e.write + e.timeout,
    summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000))
end
