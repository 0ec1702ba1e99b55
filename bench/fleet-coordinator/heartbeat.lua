-- POST /api/robots/{id}/heartbeats, each connection cycling through the robots listed in
-- ROBOTS_FILE ("id token" per line) with that robot's own token. Answers with a status of
-- 400 or more count as errors: wrk counts them itself (errors.status), so no response()
-- callback makes it parse every answer into Lua on the two cores the server is measured on.
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
  counter = offset
  -- formatted once: building each request in Lua would cost the measured cores too
  prepared = {}
  for i, robot in ipairs(robots) do
    prepared[i] = wrk.format("POST", robot.path,
      { ["Content-Type"] = "application/json", ["Authorization"] = robot.auth }, body)
  end
end

function request()
  counter = counter + 1
  return prepared[(counter % #prepared) + 1]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('RESULT {"requests":%d,"errors":%d,"rate":%.1f,"p99_ms":%.3f}\n',
    summary.requests, e.status + e.connect + e.read + e.write + e.timeout,
    summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000))
end
