#!/usr/bin/env bash
# Builds the image of every OpenControl service from deploy/Dockerfile with docker or podman,
# tagged opencontrol/<service>:<project version>, and prints each image's size. Packages the
# service jars first when one is missing or older than its sources.
#
#   deploy/build-images.sh [service ...]     (default: every service)
#   OPENCONTROL_CONTAINER_ENGINE=podman|docker picks the engine; otherwise docker if its engine
#   answers, else podman.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
all_services=(auth-service gateway model-server fleet-coordinator health-aggregator edge-gateway)

die() { printf 'build-images: %s\n' "$*" >&2; exit 1; }

# docker when a Docker engine answers; podman otherwise, and when podman is the engine behind the
# docker CLI (its Docker-compatible socket), since its own build honours .dockerignore as ours reads.
container_engine() {
	if [[ -n "${OPENCONTROL_CONTAINER_ENGINE:-}" ]]; then
		echo "$OPENCONTROL_CONTAINER_ENGINE"
	elif command -v docker >/dev/null && docker info >/dev/null 2>&1 &&
		! docker version --format '{{range .Server.Components}}{{.Name}};{{end}}' 2>/dev/null | grep -q Podman; then
		echo docker
	elif command -v podman >/dev/null; then
		echo podman
	else
		die "no container engine: install docker or podman (on Debian: bash .ci/containers.sh sets up podman)"
	fi
}

project_version() {
	# The first <version> after the project's own artifactId: the aggregator's version.
	sed -n '/<artifactId>opencontrol<\/artifactId>/,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' \
		"$root/pom.xml" | head -n 1
}

# A jar is stale when any source of its module, the platform or a pom is newer than it.
stale_jars() {
	local service jar
	for service in "$@"; do
		jar="$root/$service/target/$service.jar"
		if [[ ! -f "$jar" ]] || [[ -n "$(find "$root/$service/src" "$root/$service/pom.xml" "$root/platform/src" \
			"$root/pom.xml" -type f -newer "$jar" -print -quit)" ]]; then
			echo "$service"
		fi
	done
}

# Per service: the Dockerfile target, the DJL engines unpacked at build time, the JVM defaults.
# libtorch and ONNX Runtime allocate outside the heap, so their services give the heap less.
build_args() {
	case "$1" in
	model-server) echo "--target model-server --build-arg ENGINES=PyTorch --build-arg JAVA_DEFAULTS=-XX:MaxRAMPercentage=50" ;;
	edge-gateway) echo "--target service --build-arg JAVA_DEFAULTS=-XX:MaxRAMPercentage=60" ;;
	*) echo "--target service" ;;
	esac
}

main() {
	local services=("$@") engine version revision service stale
	((${#services[@]} > 0)) || services=("${all_services[@]}")
	for service in "${services[@]}"; do
		[[ " ${all_services[*]} " == *" $service "* ]] || die "unknown service '$service' (services: ${all_services[*]})"
	done
	engine=$(container_engine)
	if [[ "$engine" == podman && -z "${CONTAINERS_CONF:-}" ]]; then
		# rootful podman on these Debian machines needs the ulimits and runtime set there (../shared/STACK.md)
		export CONTAINERS_CONF="$root/.ci/containers.conf"
	fi
	version=$(project_version)
	[[ -n "$version" ]] || die "cannot read the project version from $root/pom.xml"
	revision=$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
	if [[ -n "$(git -C "$root" status --porcelain 2>/dev/null)" ]]; then revision="$revision-dirty"; fi

	mapfile -t stale < <(stale_jars "${services[@]}")
	if ((${#stale[@]} > 0)); then
		echo "Packaging ${stale[*]} (./mvnw clean package, tests skipped) ..."
		(cd "$root" && ./mvnw -B -q clean package -DskipTests -pl "$(IFS=,; echo "${stale[*]}")" -am) ||
			die "the build failed"
	fi

	local started=$SECONDS
	for service in "${services[@]}"; do
		echo "Building opencontrol/$service:$version with $engine ..."
		# shellcheck disable=SC2046 # build_args is a list of words
		"$engine" build --quiet --file "$root/deploy/Dockerfile" $(build_args "$service") \
			--build-arg "SERVICE=$service" --build-arg "VERSION=$version" --build-arg "REVISION=$revision" \
			--tag "opencontrol/$service:$version" "$root" >/dev/null ||
			die "building the image of $service failed"
	done
	echo "Built ${#services[@]} images in $((SECONDS - started)) s:"
	for service in "${services[@]}"; do
		"$engine" image inspect --format '{{.Size}}' "opencontrol/$service:$version" |
			awk -v name="opencontrol/$service:$version" '{printf "  %-44s %6.0f MB\n", name, $1 / 1000000}'
	done
}

main "$@"
