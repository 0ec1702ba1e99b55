-- POST one OIP inference request from a file (BODY) to world_model; a binary body carries
-- its JSON header's length (HEADER_LENGTH). Answers with a status of 400 or more count as
-- errors: wrk counts them itself (errors.status), so no response() callback makes it parse
-- every answer into Lua on the two cores the server is measured on.
local body_file = os.getenv("BODY")
local header_length = os.getenv("HEADER_LENGTH")
local token = os.getenv("TOKEN")

function init(args)
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

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests":%d,"errors":%d,"rps":%.1f,"p50_ms":%.3f,"p99_ms":%.3f}\n',
    summary.requests, e.status + e.connect + e.read + e.write + e.timeout,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
