#!/bin/sh
# Runs as root (then drops to postgres, as the official image does) or directly as the postgres
# user (compose runs it so, with a read-only root file system).
set -eu
if [ "$(id -u)" = 0 ]; then
  as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }
else
  as_postgres() { "$@"; }
fi

if [ "${1:-postgres}" != "postgres" ]; then exec "$@"; fi

: "${POSTGRES_USER:=postgres}"
: "${POSTGRES_DB:=$POSTGRES_USER}"
if [ -z "${POSTGRES_PASSWORD:-}" ]; then
  echo "POSTGRES_PASSWORD must be set" >&2
  exit 1
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pwfile=$(mktemp)
  printf '%s' "$POSTGRES_PASSWORD" > "$pwfile"
  if [ "$(id -u)" = 0 ]; then chown postgres "$pwfile"; fi
  as_postgres initdb --username="$POSTGRES_USER" --pwfile="$pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 >/dev/null
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  # A first server on the socket only, to create the database and run the init scripts, as the
  # official image does, with the server's own options (a socket directory, say).
  as_postgres pg_ctl -D "$PGDATA" -w -o "-c listen_addresses='' $(shift; echo "$@")" start
  if [ "$POSTGRES_DB" != "postgres" ]; then
    as_postgres psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
      -c "CREATE DATABASE \"$POSTGRES_DB\""
  fi
  for script in /docker-entrypoint-initdb.d/*.sh; do
    [ -e "$script" ] || continue
    echo "running $script"
    as_postgres env POSTGRES_USER="$POSTGRES_USER" POSTGRES_DB="$POSTGRES_DB" sh "$script"
  done
  as_postgres pg_ctl -D "$PGDATA" -m fast -w stop
fi

shift
if [ "$(id -u)" = 0 ]; then
  exec setpriv --reuid=postgres --regid=postgres --init-groups postgres -c listen_addresses='*' "$@"
fi
exec postgres -c listen_addresses='*' "$@"
