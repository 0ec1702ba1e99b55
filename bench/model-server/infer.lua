-- POST one OIP inference request from a file (BODY) to world_model; a binary body carries
-- its JSON header's length (HEADER_LENGTH). Answers other than 200 count as errors.
local body_file = os.getenv("BODY")
local header_length = os.getenv("HEADER_LENGTH")
local token = os.getenv("TOKEN")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  bad = 0
  local file = assert(io.open(body_file, "rb"))
  local body = file:read("*a")
  file:close()
  local headers = { ["Authorization"] = "Bearer " .. token }
  if header_length and header_length ~= "" then
    headers["Content-Type"] = "application/octet-stream"
    headers["Inference-Header-Content-Length"] = header_length
  else
    headers["Content-Type"] = "application/json"
  end
  prepared = wrk.format("POST", "/v2/models/world_model/infer", headers, body)
end

function request()
  return prepared
end

function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local bad_total = 0
  for _, thread in ipairs(threads) do
    bad_total = bad_total + thread:get("bad")
  end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests":%d,"errors":%d,"rps":%.1f,"p50_ms":%.3f,"p99_ms":%.3f}\n',
    summary.requests, bad_total + e.connect + e.read + e.write + e.timeout,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
