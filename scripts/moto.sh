#!/usr/bin/env bash
# Installs moto (a third-party AWS emulator, used here for its SES v1 API) into a Python venv
# kept outside the repository, and runs its server.
#
#   scripts/moto.sh install            # create the venv and install the pinned moto (idempotent)
#   scripts/moto.sh path               # print the moto_server binary (exit 1 if not installed)
#   scripts/moto.sh run --port N       # install if needed, then run moto_server on 127.0.0.1:N
#
# ASYNCSES_MOTO_VENV overrides the venv folder (default: ~/.cache/asyncses/moto-venv).
# ASYNCSES_PYTHON picks the interpreter (default: python3.11, else python3).
set -euo pipefail

MOTO_VERSION="5.2.5"
VENV="${ASYNCSES_MOTO_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/asyncses/moto-venv}"
STAMP="$VENV/.asyncses-moto-version"
SERVER="$VENV/bin/moto_server"

installed() {
  [ -x "$SERVER" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$MOTO_VERSION" ]
}

pick_python() {
  if [ -n "${ASYNCSES_PYTHON:-}" ]; then echo "$ASYNCSES_PYTHON"; return; fi
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1; then echo "$candidate"; return; fi
  done
  echo "moto.sh: no python3 found (set ASYNCSES_PYTHON)" >&2
  exit 1
}

install() {
  if installed; then return 0; fi
  local python
  python="$(pick_python)"
  echo "moto.sh: installing moto[server]==$MOTO_VERSION into $VENV" >&2
  mkdir -p "$(dirname "$VENV")"
  if [ ! -x "$VENV/bin/python" ]; then
    "$python" -m venv "$VENV" >&2
  fi
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    "moto[server]==$MOTO_VERSION" >&2
  echo "$MOTO_VERSION" >"$STAMP"
}

cmd="${1:-install}"
[ "$#" -gt 0 ] && shift
case "$cmd" in
  install) install ;;
  path)
    if installed; then echo "$SERVER"; else
      echo "moto.sh: moto not installed: run scripts/moto.sh install" >&2
      exit 1
    fi
    ;;
  run)
    port=5000
    host=127.0.0.1
    while [ "$#" -gt 0 ]; do
      case "$1" in
        --port | -p) port="$2"; shift 2 ;;
        --host | -H) host="$2"; shift 2 ;;
        *) echo "moto.sh: unknown option $1" >&2; exit 2 ;;
      esac
    done
    install
    exec "$SERVER" -H "$host" -p "$port"
    ;;
  *)
    echo "usage: scripts/moto.sh [install | path | run --port N [--host H]]" >&2
    exit 2
    ;;
esac
