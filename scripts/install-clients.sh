#!/usr/bin/env bash
# Installs and builds everything the generated-client checks need, so that they can then run
# quickly and without the network (CI runs this before the tests). Idempotent: each part is
# skipped when its inputs have not changed since the last run.
#
#   1. the code generators (scripts/install-codegen.sh)
#   2. Go: modules of gen/go and clients/go, and the program clients/go/bin/asyncses-go-client
#   3. Python: a venv at $ASYNCSES_CLIENTS_VENV (default:
#      ${XDG_CACHE_HOME:-$HOME/.cache}/asyncses/clients/venv) with gen/python installed
#   4. Java: gen/java installed into ~/.m2, and clients/java/target/asyncses-java-client.jar
#      (its libraries in clients/java/target/lib)
#
# Then:
#   clients/go/bin/asyncses-go-client -addr 127.0.0.1:3000 -protocol grpc|connect
#   "$ASYNCSES_CLIENTS_VENV/bin/python" clients/python/asyncses_client_check.py --addr 127.0.0.1:3000
#   java -jar clients/java/target/asyncses-java-client.jar --addr 127.0.0.1:3000
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$PWD"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/asyncses/clients"
venv="${ASYNCSES_CLIENTS_VENV:-$cache/venv}"
stamps="$cache/stamps"
mkdir -p "$stamps"

# shellcheck source=install-codegen.sh
source scripts/install-codegen.sh

# inputs_hash NAME PATH...: a hash of the files under PATHs (build output folders left out),
# plus the stamp's NAME so that different worktrees sharing the cache don't collide silently.
inputs_hash() {
  local name="$1"
  shift
  {
    echo "$name $root"
    find "$@" \( -name target -o -name build -o -name bin -o -name '*.egg-info' -o -name __pycache__ \) -prune \
      -o -type f -print0 | sort -z | xargs -0 sha256sum
  } | sha256sum | cut -d' ' -f1
}
fresh() { [ "$(cat "$stamps/$1" 2>/dev/null)" = "$2" ]; }

# Maven offline first (fast, and works without the network once ~/.m2 has everything),
# online when something is missing.
mvn_build() {
  local dir="$1"
  shift
  local log
  log="$(cd "$dir" && mvn -B -q -o -Dstyle.color=never "$@" 2>&1)" && return 0
  log="$(cd "$dir" && mvn -B -q -Dstyle.color=never "$@" 2>&1)" && return 0
  printf '%s\n' "$log" >&2
  return 1
}

# Go.
hash="$(inputs_hash go gen/go clients/go)"
if ! fresh go "$hash" || [ ! -x clients/go/bin/asyncses-go-client ]; then
  echo "install-clients: Go" >&2
  (cd gen/go && go mod download && go build ./...)
  (cd clients/go && go mod download && go build -o bin/asyncses-go-client .)
  echo "$hash" >"$stamps/go"
fi

# Python.
hash="$(inputs_hash python gen/python clients/python/constraints.txt)"
if ! fresh python "$hash" || [ ! -x "$venv/bin/python" ]; then
  echo "install-clients: Python venv $venv" >&2
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  tmp="$(mktemp -d)"
  "$venv/bin/python" -m pip wheel -q --disable-pip-version-check --no-deps -w "$tmp" gen/python
  # Reinstall the package itself (its version does not change when the contract does), then
  # make sure its runtime dependencies are there, at the versions of clients/python/constraints.txt.
  "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-deps --force-reinstall "$tmp"/*.whl
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -c clients/python/constraints.txt "$tmp"/*.whl
  rm -rf "$tmp" gen/python/build
  "$venv/bin/python" -c 'from asyncses.v1 import mail_pb2_grpc, outbox_pb2_grpc, account_pb2_grpc'
  echo "$hash" >"$stamps/python"
fi

# Java.
hash="$(inputs_hash java gen/java clients/java)"
if ! fresh java "$hash" || [ ! -f clients/java/target/asyncses-java-client.jar ]; then
  echo "install-clients: Java" >&2
  mvn_build gen/java install
  mvn_build clients/java package
  echo "$hash" >"$stamps/java"
fi

echo "install-clients: ready (Python venv: $venv)" >&2
