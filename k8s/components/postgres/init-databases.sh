#!/bin/sh
# Runs once, when PostgreSQL initialises its data directory: a database and a user of its own for
# each service that keeps data (ARCHITECTURE §1: services never share a database). Passwords come
# from the environment (deploy/.env under compose, the opencontrol-database Secret in
# Kubernetes); none is committed. Shared by deploy/compose.yaml and the k8s postgres component.
set -eu

create() {
  user=$1 database=$2 password=$3
  if [ -z "$password" ]; then
    echo "init-databases: the password of database user $user is not set" >&2
    exit 1
  fi
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v user="$user" -v database="$database" -v password="$password" <<'SQL'
CREATE ROLE :"user" LOGIN PASSWORD :'password';
CREATE DATABASE :"database" OWNER :"user";
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
SQL
}

create auth auth "${OPENCONTROL_AUTH_DB_PASSWORD:-}"
create fleet fleet "${OPENCONTROL_FLEET_DB_PASSWORD:-}"
