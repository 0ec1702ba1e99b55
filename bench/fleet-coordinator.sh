#!/usr/bin/env bash
# Benchmarks the fleet-coordinator through HTTP on this machine: /assign_task latency with
# fleets of 100, 1,000 and 10,000 robots, and the sustained heartbeat rate. It starts its own
# auth-service and fleet-coordinator (embedded PostgreSQL, fresh data) on spare ports, sets
# the fleets up through the real APIs with real tokens, and drives them with wrk.
#
#   bench/fleet-coordinator.sh        ASSIGN_DURATION=10s HEARTBEAT_DURATION=20s WARMUP=30s by default
#
# The last line printed is one JSON object with the results.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
here="$root/bench/fleet-coordinator"
assign_duration=${ASSIGN_DURATION:-10s}
heartbeat_duration=${HEARTBEAT_DURATION:-20s}
warmup=${WARMUP:-30s}
assign_connections=${ASSIGN_CONNECTIONS:-4}
heartbeat_connections=${HEARTBEAT_CONNECTIONS:-64}
heartbeat_robots=${HEARTBEAT_ROBOTS:-200}
auth_port=${AUTH_PORT:-19000}
fleet_port=${FLEET_PORT:-19082}
sizes=(100 1000 10000)

say() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] %s\n' "$*" >&2; exit 1; }

if ! command -v wrk >/dev/null; then
	say "installing wrk (Debian package)"
	apt-get install -y -q wrk >/dev/null 2>&1 || die "wrk is missing and could not be installed: apt-get install wrk"
fi
command -v python3 >/dev/null || die "python3 is required"

jars=("$root/auth-service/target/auth-service.jar" "$root/fleet-coordinator/target/fleet-coordinator.jar")
if [[ ! -f ${jars[0]} || ! -f ${jars[1]} ]]; then
	say "building auth-service and fleet-coordinator"
	(cd "$root" && ./mvnw -B -q -DskipTests package -pl auth-service,fleet-coordinator -am)
fi

work=$(mktemp -d)
pids=()
cleanup() {
	for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
	for pid in "${pids[@]}"; do while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done; done
	rm -rf "$work"
}
trap cleanup EXIT

secret=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
start() {
	local name=$1 port=$2
	shift 2
	OPENCONTROL_AUTH_DEMO_CLIENT_SECRET=$secret setsid java -jar "$root/$name/target/$name.jar" \
		--spring.profiles.active=local "--server.port=$port" \
		"--opencontrol.embedded-postgres.data-directory=$work/$name" "$@" >"$work/$name.log" 2>&1 </dev/null &
	pids+=($!)
}
await_ready() {
	local name=$1 port=$2
	for _ in $(seq 1 240); do
		curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null && return 0
		sleep 0.5
	done
	tail -n 40 "$work/$name.log" >&2
	die "$name did not become ready"
}

auth="http://127.0.0.1:$auth_port"
coordinator="http://127.0.0.1:$fleet_port"
start auth-service "$auth_port" "--opencontrol.auth.issuer=$auth"
start fleet-coordinator "$fleet_port" "--opencontrol.tokens.issuer=$auth" \
	"--opencontrol.tokens.jwk-set-uri=$auth/oauth2/jwks" "--opencontrol.fleet.liveness.heartbeat-timeout=10m"
await_ready auth-service "$auth_port"
await_ready fleet-coordinator "$fleet_port"

admin=$(curl -sf -u "demo-admin:$secret" -d grant_type=client_credentials "$auth/oauth2/token" |
	python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
say "registering fleets of ${sizes[*]} robots"
python3 "$here/setup.py" fleets "$auth" "$coordinator" "$admin" "${sizes[@]}"
say "issuing $heartbeat_robots robot credentials"
python3 "$here/setup.py" robots "$auth" "$coordinator" "$admin" bench-10000 "$heartbeat_robots" "$work/robots.txt"

# Warm the JIT on the smallest fleet before measuring anything: on two cores it takes about
# half a minute of this load before latency stops falling.
say "warming up ($warmup of assignments in the smallest fleet)"
FLEET=bench-100 TOKEN=$admin wrk -t2 -c"$assign_connections" -d"$warmup" -s "$here/assign.lua" "$coordinator" >/dev/null

declare -A results
errors=0
for size in "${sizes[@]}"; do
	say "assigning in a fleet of $size robots for $assign_duration ($assign_connections connections)"
	line=$(FLEET="bench-$size" TOKEN=$admin wrk -t2 -c"$assign_connections" -d"$assign_duration" \
		-s "$here/assign.lua" "$coordinator" | grep '^RESULT ' | cut -c8-)
	say "  $line"
	results[$size]=$line
	errors=$((errors + $(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["errors"])' "$line")))
done

# The heartbeat path is compiled afresh by the JIT, which on two cores takes as long as the
# assignments' warm-up did; measuring during it would time the compiler, not the service.
say "warming up heartbeats ($warmup)"
ROBOTS_FILE="$work/robots.txt" wrk -t2 -c"$heartbeat_connections" -d"$warmup" -s "$here/heartbeat.lua" \
	"$coordinator" >/dev/null
say "heartbeats from $heartbeat_robots robots for $heartbeat_duration ($heartbeat_connections connections)"
beat=$(ROBOTS_FILE="$work/robots.txt" wrk -t2 -c"$heartbeat_connections" -d"$heartbeat_duration" \
	-s "$here/heartbeat.lua" "$coordinator" | grep '^RESULT ' | cut -c8-)
say "  $beat"

python3 - "${results[100]}" "${results[1000]}" "${results[10000]}" "$beat" "$errors" <<'PY'
import json, sys
small, medium, large, beat = (json.loads(a) for a in sys.argv[1:5])
result = {}
for size, run in (("100", small), ("1000", medium), ("10000", large)):
    result[f"assign_p50_ms_{size}"] = round(run["p50_ms"], 3)
    result[f"assign_p99_ms_{size}"] = round(run["p99_ms"], 3)
    result[f"assign_requests_{size}"] = run["requests"]
    result[f"assigned_{size}"] = run["assigned"]
result["heartbeats_per_s"] = round(beat["rate"], 1)
result["heartbeat_p99_ms"] = round(beat["p99_ms"], 3)
result["errors"] = int(sys.argv[5]) + beat["errors"]
print(json.dumps(result))
PY
