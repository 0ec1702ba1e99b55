#!/usr/bin/env bash
# Runs the compose stack (deploy/compose.yaml) for bin/opencontrol compose: generates deploy/.env,
# builds the images when missing, starts the stack and waits until every container is healthy,
# running the healthchecks itself where the engine runs none (podman without systemd).
#
#   deploy/compose.sh up [--fleet N]   start (with N simulated robots), wait, print the URLs
#   deploy/compose.sh down [--volumes] remove containers and network (and the data volumes)
#   deploy/compose.sh status           each container and its health
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
compose_file="$root/deploy/compose.yaml"
# A second stack beside the first (the compose system test) takes another project and env file.
env_file="${OPENCONTROL_COMPOSE_ENV_FILE:-$root/deploy/.env}"
project="${OPENCONTROL_COMPOSE_PROJECT:-opencontrol}"
startup_timeout="${OPENCONTROL_STARTUP_TIMEOUT:-420}"
services=(auth-service gateway model-server fleet-coordinator health-aggregator edge-gateway)
grafana_image=grafana/grafana:11.4.0

die() { printf 'opencontrol compose: %s\n' "$*" >&2; exit 1; }
say() { printf '%s\n' "$*"; }

docker_engine_answers() { command -v docker >/dev/null && docker info >/dev/null 2>&1; }

# podman's Docker-compatible socket answers the docker CLI too; it names itself in the version.
engine_is_podman() { docker version --format '{{range .Server.Components}}{{.Name}};{{end}}' 2>/dev/null | grep -q Podman; }

# The engine, and a compose CLI speaking to it: Docker with its compose plugin or docker-compose;
# otherwise rootful podman behind its Docker-compatible socket (set up by .ci/containers.sh on Debian).
choose_engine() {
	if [[ "${OPENCONTROL_CONTAINER_ENGINE:-}" != podman ]] && docker_engine_answers && ! engine_is_podman; then
		engine=docker
		if docker compose version >/dev/null 2>&1; then compose_cli=(docker compose); else compose_cli=(docker-compose); fi
	else
		if ! docker_engine_answers; then
			command -v apt-get >/dev/null || die "no Docker engine answers and podman is not set up: install Docker"
			say "No Docker engine answers: setting up podman (.ci/containers.sh) ..."
			# shellcheck disable=SC1091 # sourced for DOCKER_HOST and CONTAINERS_CONF
			source "$root/.ci/containers.sh"
		fi
		engine=podman
		export CONTAINERS_CONF="${CONTAINERS_CONF:-$root/.ci/containers.conf}"
		command -v docker-compose >/dev/null || die "docker-compose is not installed (apt-get install --no-install-recommends docker-compose)"
		compose_cli=(docker-compose)
	fi
	export OPENCONTROL_CONTAINER_ENGINE=$engine
}

compose() { "${compose_cli[@]}" --env-file "$env_file" --project-name "$project" --file "$compose_file" "$@"; }

project_version() {
	sed -n '/<artifactId>opencontrol<\/artifactId>/,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' \
		"$root/pom.xml" | head -n 1
}

secret() { head -c 24 /dev/urandom | base64 | tr -d '/+='; }

# deploy/.env: every secret the stack needs, generated once (mode 600, ignored by git), unless the
# environment already has it.
ensure_env_file() {
	local name
	(umask 077 && touch "$env_file")
	chmod 600 "$env_file"
	# so that a plain `docker compose -f deploy/compose.yaml ...` names the project as this script does
	grep -q '^COMPOSE_PROJECT_NAME=' "$env_file" || echo "COMPOSE_PROJECT_NAME=$project" >>"$env_file"
	for name in OPENCONTROL_POSTGRES_PASSWORD OPENCONTROL_AUTH_DB_PASSWORD OPENCONTROL_FLEET_DB_PASSWORD \
		OPENCONTROL_AUTH_DEMO_CLIENT_SECRET OPENCONTROL_GRAFANA_ADMIN_PASSWORD; do
		if [[ -z "${!name:-}" ]] && ! grep -q "^$name=" "$env_file"; then
			printf '%s=%s\n' "$name" "$(secret)" >>"$env_file"
		fi
	done
}

image_exists() { "$engine" image inspect "$1" >/dev/null 2>&1; }

ensure_images() {
	local version service missing=()
	version=$(project_version)
	for service in "${services[@]}"; do
		image_exists "opencontrol/$service:$version" || missing+=("$service")
	done
	if ((${#missing[@]} > 0)); then
		"$root/deploy/build-images.sh" "${missing[@]}"
	fi
}

# Grafana cannot be built here, only pulled: without its image (an offline machine) the stack
# starts without it and says so.
with_grafana() {
	image_exists "$grafana_image" && return 0
	timeout 120 "$engine" pull --quiet "$grafana_image" >/dev/null 2>&1
}

container_states() {
	"$engine" ps --all --filter "label=com.docker.compose.project=$project" --format '{{.Names}}|{{.Status}}'
}

# Podman records a container's health only when a healthcheck runs, and without systemd nothing
# runs them: run each starting container's check, as Docker's engine would.
run_healthchecks() {
	[[ "$engine" == podman ]] || return 0
	local line name
	while IFS= read -r line; do
		name=${line%%|*}
		if [[ "$line" == *"(starting)"* || "$line" == *"(unhealthy)"* ]]; then
			podman healthcheck run "$name" >/dev/null 2>&1 || true
		fi
	done < <(container_states)
}

# Every container of the project up and healthy, or "name: state" of each that is not.
not_healthy() {
	local line
	while IFS= read -r line; do
		[[ "$line" == *"(healthy)"* ]] || printf '%s\n' "${line/|/: }"
	done < <(container_states)
}

wait_until_healthy() {
	local up_pid=$1 deadline=$((SECONDS + startup_timeout)) pending
	while true; do
		run_healthchecks
		if ! kill -0 "$up_pid" 2>/dev/null; then
			wait "$up_pid" || die "compose up failed; see above, and: bin/opencontrol compose status"
			pending=$(not_healthy)
			[[ -z "$pending" ]] && return 0
			if grep -qE 'Exited|exited' <<<"$pending"; then
				die "containers stopped: $(tr '\n' ' ' <<<"$pending")(docker logs <name> says why)"
			fi
		fi
		if ((SECONDS >= deadline)); then
			kill "$up_pid" 2>/dev/null || true
			die "not healthy after ${startup_timeout}s: $(not_healthy | tr '\n' ' ')"
		fi
		sleep 2
	done
}

register_demo_fleet() {
	# shellcheck disable=SC1090
	source "$env_file"
	local token answer
	token=$(curl -sf --max-time 10 -u "demo-admin:$OPENCONTROL_AUTH_DEMO_CLIENT_SECRET" \
		-d grant_type=client_credentials "http://127.0.0.1:${OPENCONTROL_GATEWAY_PORT:-8080}/oauth2/token" |
		sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p') || die "no admin token from the gateway"
	answer=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "Authorization: Bearer $token" \
		-H 'Content-Type: application/json' "http://127.0.0.1:${OPENCONTROL_GATEWAY_PORT:-8080}/api/fleets" \
		-d '{"id":"demo-fleet","name":"Demo fleet","map_width_m":100,"map_height_m":100,"chargers":[{"id":"dock-1","x":5,"y":5},{"id":"dock-2","x":95,"y":95}]}')
	[[ "$answer" == 201 || "$answer" == 409 ]] || die "could not register the demo fleet: HTTP $answer"
}

cmd_up() {
	local fleet=0 started=$SECONDS selected
	while (($# > 0)); do
		case "$1" in
		--fleet) fleet=${2:-}; shift 2 || true ;;
		*) die "usage: bin/opencontrol compose up [--fleet N]" ;;
		esac
	done
	[[ "$fleet" =~ ^[0-9]+$ ]] && ((fleet <= 50)) || die "--fleet takes a number of robots from 1 to 50"
	command -v curl >/dev/null || die "curl not found: install curl"
	choose_engine
	ensure_env_file
	ensure_images
	mapfile -t selected < <(compose config --services | grep -vx fleet-simulator)
	if ! with_grafana; then
		say "  $grafana_image is not here and cannot be pulled: starting without Grafana"
		mapfile -t selected < <(printf '%s\n' "${selected[@]}" | grep -vx grafana)
	fi
	local profile=()
	if ((fleet > 0)); then
		export OPENCONTROL_FLEET_ROBOTS=$fleet
		profile=(--profile fleet)
		selected+=(fleet-simulator)
	fi
	say "Starting ${selected[*]} ($engine) ..."
	compose "${profile[@]}" up --detach "${selected[@]}" &
	wait_until_healthy $!
	register_demo_fleet
	say "
OpenControl (compose) is up in $((SECONDS - started)) s.
  gateway (public entry)  http://localhost:${OPENCONTROL_GATEWAY_PORT:-8080}     bin/opencontrol token operator
  prometheus              http://localhost:${OPENCONTROL_PROMETHEUS_PORT:-9090}"
	if printf '%s\n' "${selected[@]}" | grep -qx grafana; then
		say "  grafana                 http://localhost:${OPENCONTROL_GRAFANA_PORT:-3000}     admin / OPENCONTROL_GRAFANA_ADMIN_PASSWORD in deploy/.env"
	fi
	if ((fleet > 0)); then say "  simulated robots        $fleet (docker logs ${project}_fleet-simulator_1)"; fi
	say "Status: bin/opencontrol compose status    Stop: bin/opencontrol compose down [--volumes]"
}

cmd_down() {
	local volumes=()
	case "${1:-}" in
	"") ;;
	--volumes) volumes=(--volumes) ;;
	*) die "usage: bin/opencontrol compose down [--volumes]" ;;
	esac
	choose_engine
	[[ -f "$env_file" ]] || touch "$env_file"
	compose --profile fleet down --remove-orphans "${volumes[@]}"
}

cmd_status() {
	choose_engine
	run_healthchecks
	printf '%-40s %s\n' CONTAINER STATUS
	container_states | awk -F'|' '{printf "%-40s %s\n", $1, $2}'
}

command=${1:-}
[[ $# -gt 0 ]] && shift
case "$command" in
up) cmd_up "$@" ;;
down) cmd_down "$@" ;;
status) cmd_status ;;
*) die "usage: bin/opencontrol compose up [--fleet N] | down [--volumes] | status" ;;
esac
