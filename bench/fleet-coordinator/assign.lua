-- POST /assign_task with a random location on the fleet's map; counts answers other than
-- 200 (assigned) and 202 (queued) as errors and reports latency percentiles as JSON.
local fleet = os.getenv("FLEET")
local token = os.getenv("TOKEN")
local size = tonumber(os.getenv("MAP_M") or "50")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  bad = 0
  assigned = 0
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

function request()
  local body = string.format(
    '{"fleet":"%s","type":"pick","location":{"x":%.3f,"y":%.3f},"estimated_duration_s":60}',
    fleet, math.random() * size, math.random() * size)
  return wrk.format("POST", "/assign_task",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, body)
end

function response(status, headers, body)
  if status == 200 then
    assigned = assigned + 1
  elseif status ~= 202 then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local bad_total, assigned_total = 0, 0
  for _, thread in ipairs(threads) do
    bad_total = bad_total + thread:get("bad")
    assigned_total = assigned_total + thread:get("assigned")
  end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests":%d,"assigned":%d,"errors":%d,"p50_ms":%.3f,"p99_ms":%.3f,"seconds":%.2f}\n',
    summary.requests, assigned_total, bad_total + e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.duration / 1e6))
end
