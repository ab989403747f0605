#!/usr/bin/env bash
# PostgreSQL for the tests and for trying several instances on one machine: installs Debian's
# `postgresql` package if it is missing, starts its cluster, and makes a login role for tests.
#
#   scripts/postgres.sh            # install if needed, start, create the role; prints the URL
#   scripts/postgres.sh url        # print the URL only
#   scripts/postgres.sh stop       # stop the cluster
#
# The role is `asyncses` (password `asyncses`, allowed to create databases); the tests make a
# database of their own each and drop it after. A database `asyncses` owned by the role is made
# too, for running instances by hand (README: several instances on PostgreSQL).
# The URL printed is the tests' default:
#   postgres://asyncses:asyncses@127.0.0.1:5432/postgres
# and is also written to ${XDG_CACHE_HOME:-~/.cache}/asyncses/postgres-url.
# ASYNCSES_TEST_DATABASE_URL overrides it in the tests (another server, another port).
# Needs root (apt-get, and running commands as the postgres user); CI runs as root.
set -euo pipefail

ROLE=asyncses
PASSWORD=asyncses
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/asyncses"

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

install() {
  if command -v pg_lsclusters >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    return 0
  fi
  echo "postgres.sh: installing postgresql from the distribution's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
}

# The newest installed version's cluster "main", created if the package did not make one.
cluster() {
  local version
  version="$(ls /usr/lib/postgresql | sort -V | tail -1)"
  if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
    echo "postgres.sh: creating cluster $version main" >&2
    pg_createcluster "$version" main >&2
  fi
  echo "$version"
}

start() {
  local version port
  version="$(cluster)"
  if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
    echo "postgres.sh: starting cluster $version main" >&2
    pg_ctlcluster "$version" main start >&2
  fi
  port="$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')"
  # Wait until it takes connections (a start after a crash replays the WAL first).
  for _ in $(seq 1 60); do
    if as_postgres psql -p "$port" -qtAc "SELECT 1" >/dev/null 2>&1; then break; fi
    sleep 0.5
  done
  as_postgres psql -p "$port" -v ON_ERROR_STOP=1 -qtA >/dev/null <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
  ELSE
    ALTER ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
  END IF;
END
\$\$;
SQL
  if [ -z "$(as_postgres psql -p "$port" -qtAc "SELECT 1 FROM pg_database WHERE datname = 'asyncses'")" ]; then
    as_postgres psql -p "$port" -qtAc "CREATE DATABASE asyncses OWNER $ROLE" >/dev/null
  fi
  url="postgres://$ROLE:$PASSWORD@127.0.0.1:$port/postgres"
  mkdir -p "$CACHE"
  echo "$url" >"$CACHE/postgres-url"
  echo "$url"
}

cmd="${1:-start}"
case "$cmd" in
  start)
    install
    start
    ;;
  url)
    cat "$CACHE/postgres-url"
    ;;
  stop)
    version="$(ls /usr/lib/postgresql | sort -V | tail -1)"
    pg_ctlcluster "$version" main stop
    ;;
  *)
    echo "usage: scripts/postgres.sh [start | url | stop]" >&2
    exit 2
    ;;
esac
