#!/usr/bin/env bash
# Prepares rootful podman as the container engine for Testcontainers on machines without Docker
# (../shared/STACK.md): packages, containers.conf, locally built base/JRE/PostgreSQL/Prometheus images tagged
# with the upstream names the project uses, and the Docker-compatible API socket.
# Idempotent: every step checks whether its result already exists. Source it to get the exports.
set -euo pipefail

ci_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
podman_socket=/run/podman/podman.sock
base_image=localhost/opencontrol/debian-base:bookworm
jre_image=docker.io/library/eclipse-temurin:17-jre
postgres_image=docker.io/library/postgres:15
prometheus_image=docker.io/prom/prometheus:v2.42.0

log() { printf '[containers] %s\n' "$*" >&2; }

install_packages() {
  if command -v podman >/dev/null && command -v mmdebstrap >/dev/null && command -v docker-compose >/dev/null; then
    return
  fi
  log "installing podman, mmdebstrap and docker-compose from apt"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq podman buildah runc fuse-overlayfs slirp4netns uidmap \
    containernetworking-plugins mmdebstrap >/dev/null
  # docker-compose without its recommended docker.io: it talks to podman's API socket.
  apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
}

debian_mirror() {
  local uri
  uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

build_base_image() {
  if podman image exists "$base_image"; then return; fi
  log "bootstrapping $base_image with mmdebstrap"
  local tar
  tar=$(mktemp --suffix=.tar)
  mmdebstrap --quiet --variant=apt --include=ca-certificates bookworm "$tar" "$(debian_mirror)"
  podman import --quiet "$tar" "$base_image" >/dev/null
  rm -f "$tar"
}

# Rebuilt when its directory changed since the image was built (a label keeps the digest).
build_image() {
  local name=$1 dir=$2 digest
  digest=$(cd "$dir" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
  if podman image exists "$name" &&
    [[ "$(podman image inspect --format '{{ index .Labels "opencontrol.ci.digest" }}' "$name")" == "$digest" ]]; then
    return
  fi
  log "building $name"
  podman build --quiet --label "opencontrol.ci.digest=$digest" --tag "$name" "$dir" >/dev/null
}

start_api_socket() {
  if curl -sf --unix-socket "$podman_socket" http://d/_ping >/dev/null 2>&1; then return; fi
  log "starting the podman API socket at $podman_socket"
  mkdir -p "$(dirname "$podman_socket")"
  setsid nohup podman system service --time=0 "unix://$podman_socket" \
    >/tmp/podman-service.log 2>&1 < /dev/null &
  for _ in $(seq 1 50); do
    if curl -sf --unix-socket "$podman_socket" http://d/_ping >/dev/null 2>&1; then return; fi
    sleep 0.2
  done
  log "podman API socket did not come up; see /tmp/podman-service.log"
  return 1
}

export CONTAINERS_CONF="$ci_dir/containers.conf"
install_packages
build_base_image
build_image "$jre_image" "$ci_dir/images/jre"
build_image "$postgres_image" "$ci_dir/images/postgres"
build_image "$prometheus_image" "$ci_dir/images/prometheus"
start_api_socket
podman rm -af --filter label=org.testcontainers=true >/dev/null 2>&1 || true

export DOCKER_HOST="unix://$podman_socket"
export TESTCONTAINERS_RYUK_DISABLED=true
# /.dockerenv exists on these machines; without the override Testcontainers dials the bridge gateway.
export TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1
log "ready: DOCKER_HOST=$DOCKER_HOST"
