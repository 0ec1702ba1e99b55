#!/usr/bin/env bash
# Benchmarks the model-server on this machine, in one run: (a) the in-process ceiling, the
# most samples/s DJL computes on the demo world model with the server's own engine settings
# (bench/model-server/Ceiling.java); (b) the server over HTTP with wrk at 32 and 64
# concurrent clients, binary-extension and JSON bodies of one sample each, with real tokens
# from its own auth-service. The ceiling is also measured with one instance per core, for
# scale: the JSON's all_cores_ceiling_sps and ratio_binary_c32_all_cores.
#
#   bench/model-server.sh            DURATION=20s per HTTP run by default; CEILING_SECONDS=3 per batch size;
#                                    WARMUP=60s of load before measuring
#
# The last line printed is one JSON object with the results.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
here="$root/bench/model-server"
duration=${DURATION:-20s}
ceiling_seconds=${CEILING_SECONDS:-3}
auth_port=${AUTH_PORT:-19000}
model_port=${MODEL_PORT:-19081}
repository=${MODEL_REPOSITORY:-$root/models}

say() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] %s\n' "$*" >&2; exit 1; }

if ! command -v wrk >/dev/null; then
	say "installing wrk (Debian package)"
	apt-get install -y -q wrk >/dev/null 2>&1 || die "wrk is missing and could not be installed: apt-get install wrk"
fi
command -v python3 >/dev/null || die "python3 is required"

jars=("$root/auth-service/target/auth-service.jar" "$root/model-server/target/model-server.jar")
if [[ ! -f ${jars[0]} || ! -f ${jars[1]} ]]; then
	say "building auth-service and model-server"
	(cd "$root" && ./mvnw -B -q -DskipTests package -pl auth-service,model-server -am)
fi

work=$(mktemp -d)
pids=()
cleanup() {
	for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
	for pid in "${pids[@]}"; do while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done; done
	rm -rf "$work"
}
trap cleanup EXIT

say "measuring the in-process ceiling (${ceiling_seconds}s per batch size)"
java -Djarmode=tools -jar "${jars[1]}" extract --destination "$work/classpath" >/dev/null
ceiling=$(java -cp "$work/classpath/model-server.jar:$work/classpath/lib/*" "$here/Ceiling.java" \
	"$repository" world_model "$ceiling_seconds" 2>"$work/ceiling.log" | tail -n 1) ||
	{ tail -n 20 "$work/ceiling.log" >&2; die "the ceiling measurement failed"; }
say "  $ceiling"
# For scale, the same with one instance per core: what the model alone could compute on
# this machine if nothing else (HTTP, the load generator) needed a core.
cores=$(nproc)
cores_ceiling=$(java -cp "$work/classpath/model-server.jar:$work/classpath/lib/*" "$here/Ceiling.java" \
	"$repository" world_model "$ceiling_seconds" "$cores" 2>"$work/ceiling.log" | tail -n 1) ||
	{ tail -n 20 "$work/ceiling.log" >&2; die "the ceiling measurement failed"; }
say "  on all $cores cores: $cores_ceiling"

secret=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
auth="http://127.0.0.1:$auth_port"
server="http://127.0.0.1:$model_port"
OPENCONTROL_AUTH_DEMO_CLIENT_SECRET=$secret setsid java -jar "${jars[0]}" --spring.profiles.active=local \
	"--server.port=$auth_port" "--opencontrol.auth.issuer=$auth" \
	"--opencontrol.embedded-postgres.data-directory=$work/auth" >"$work/auth.log" 2>&1 </dev/null &
pids+=($!)
setsid java -jar "${jars[1]}" "--server.port=$model_port" "--opencontrol.models.repository=$repository" \
	"--opencontrol.tokens.issuer=$auth" "--opencontrol.tokens.jwk-set-uri=$auth/oauth2/jwks" \
	>"$work/model-server.log" 2>&1 </dev/null &
pids+=($!)
for name_port in "auth:$auth_port" "model-server:$model_port"; do
	for _ in $(seq 1 240); do
		curl -sf "http://127.0.0.1:${name_port#*:}/actuator/health/readiness" >/dev/null && continue 2
		sleep 0.5
	done
	tail -n 40 "$work/${name_port%%:*}.log" >&2
	die "${name_port%%:*} did not become ready"
done

token=$(curl -sf -u "demo-admin:$secret" -d grant_type=client_credentials "$auth/oauth2/token" |
	python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
python3 "$here/bodies.py" "$root/model-server/demo/reference" "$work"
header_length=$(cat "$work/infer.bin.header")

run() {
	local body=$1 header=$2 connections=$3 length=$4
	BODY="$work/$body" HEADER_LENGTH=$header TOKEN=$token wrk -t2 -c"$connections" -d"$length" --timeout 10s \
		-s "$here/infer.lua" "$server" | grep '^RESULT ' | cut -c8-
}

# The JIT needs about a minute of this load on two cores before throughput stops rising;
# measuring earlier would time the compiler rather than the server.
warmup=${WARMUP:-60s}
say "warming up the server ($warmup of binary bodies, then 10s of JSON)"
run infer.bin "$header_length" 32 "$warmup" >/dev/null
run infer.json "" 32 10s >/dev/null
say "binary bodies, 32 clients, $duration"
binary32=$(run infer.bin "$header_length" 32 "$duration")
say "  $binary32"
say "binary bodies, 64 clients, $duration"
binary64=$(run infer.bin "$header_length" 64 "$duration")
say "  $binary64"
say "JSON bodies, 32 clients, $duration"
json32=$(run infer.json "" 32 "$duration")
say "  $json32"
batch=$(curl -sf "$server/actuator/prometheus" | python3 -c '
import sys
total = count = 0.0
for line in sys.stdin:
    if line.startswith("opencontrol_batch_size_sum{"): total += float(line.split()[-1])
    if line.startswith("opencontrol_batch_size_count{"): count += float(line.split()[-1])
print(round(total / count, 2) if count else 0)')
say "  mean rows per batch over the run: $batch"

python3 - "$ceiling" "$binary32" "$binary64" "$json32" "$batch" "$cores_ceiling" <<'PY'
import json, sys
ceiling, b32, b64, j32 = (json.loads(a) for a in sys.argv[1:5])
cores = json.loads(sys.argv[6])
result = {
    "ceiling_sps": round(ceiling["ceiling_sps"], 1),
    "binary_c32_rps": round(b32["rps"], 1),
    "binary_c32_p50_ms": round(b32["p50_ms"], 3),
    "binary_c32_p99_ms": round(b32["p99_ms"], 3),
    "binary_c64_rps": round(b64["rps"], 1),
    "binary_c64_p99_ms": round(b64["p99_ms"], 3),
    "json_c32_rps": round(j32["rps"], 1),
    "json_c32_p99_ms": round(j32["p99_ms"], 3),
    "errors": b32["errors"] + b64["errors"] + j32["errors"],
    "ratio_binary_c32": round(b32["rps"] / ceiling["ceiling_sps"], 3),
    "mean_batch_rows": float(sys.argv[5]),
    "instances": ceiling["instances"],
    "all_cores_ceiling_sps": round(cores["ceiling_sps"], 1),
    "ratio_binary_c32_all_cores": round(b32["rps"] / cores["ceiling_sps"], 3),
}
print(json.dumps(result))
PY
