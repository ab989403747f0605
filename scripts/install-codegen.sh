#!/usr/bin/env bash
# Installs the code generators that `npm run generate` (scripts/generate.sh) runs, each from its
# own language's package registry, into a cache outside the repository:
#
#   $ASYNCSES_CODEGEN_DIR (default: ${XDG_CACHE_HOME:-$HOME/.cache}/asyncses/codegen)
#     bin/protoc-gen-go               go install google.golang.org/protobuf/cmd/protoc-gen-go
#     bin/protoc-gen-go-grpc          go install google.golang.org/grpc/cmd/protoc-gen-go-grpc
#     bin/protoc-gen-connect-go       go install connectrpc.com/connect/cmd/protoc-gen-connect-go
#     bin/asyncses-protoc             protoc from Maven Central (com.google.protobuf:protoc), for Java
#     bin/protoc-gen-grpc-java        grpc-java's plugin from Maven Central (io.grpc:protoc-gen-grpc-java)
#     bin/asyncses-codegen-python     runs the Python of venv/, which holds PyPI's grpcio-tools: its
#                                     bundled protoc (python -m grpc_tools.protoc) and, through
#                                     scripts/codegen/protoc-gen-grpc-python.py, its grpc_python
#                                     generator
#     venv/                           Python virtual environment holding grpcio-tools
#
#   scripts/install-codegen.sh            install what is missing (fast when all is there)
#   source scripts/install-codegen.sh     the same, then bin/ is on PATH
#
# Each tool is recorded with its version in stamps/; a tool whose stamp matches is skipped, so
# changing a version below reinstalls just that tool. The runtimes that the generated code needs
# are pinned to match in gen/go/go.mod, gen/python/pyproject.toml and gen/java/pom.xml.

# Generator versions. Keep the runtimes in step:
#   protoc-gen-go               == google.golang.org/protobuf in gen/go/go.mod
#   protoc-gen-go-grpc 1.6.x    needs google.golang.org/grpc >= 1.64 in gen/go/go.mod
#   protoc-gen-connect-go       == connectrpc.com/connect in gen/go/go.mod
#   protoc (Java) 4.x.y         == protobuf-java 4.x.y in gen/java/pom.xml
#   protoc-gen-grpc-java        == grpc-java (io.grpc) in gen/java/pom.xml
#   grpcio-tools               == grpcio, and its bundled protoc (libprotoc 35.1) <= the protobuf
#                                  runtime, in gen/python/pyproject.toml
ASYNCSES_PROTOC_GEN_GO_VERSION=v1.36.12
ASYNCSES_PROTOC_GEN_GO_GRPC_VERSION=v1.6.2
ASYNCSES_PROTOC_GEN_CONNECT_GO_VERSION=v1.21.1
ASYNCSES_PROTOC_JAVA_VERSION=4.36.2
ASYNCSES_GRPC_JAVA_VERSION=1.83.1
ASYNCSES_GRPCIO_TOOLS_VERSION=1.85.1
ASYNCSES_MAVEN_DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

_asyncses_install_codegen() {
  local dir="${ASYNCSES_CODEGEN_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/asyncses/codegen}"
  local bin="$dir/bin" stamps="$dir/stamps"
  mkdir -p "$bin" "$stamps" || return 1

  # _fresh NAME VERSION FILE: true when FILE is there and NAME was installed at VERSION.
  _fresh() { [ -x "$3" ] && [ "$(cat "$stamps/$1" 2>/dev/null)" = "$2" ]; }
  _stamp() { printf '%s\n' "$2" >"$stamps/$1"; }

  # Go plugins.
  local name pkg version spec
  for spec in \
    "protoc-gen-go google.golang.org/protobuf/cmd/protoc-gen-go $ASYNCSES_PROTOC_GEN_GO_VERSION" \
    "protoc-gen-go-grpc google.golang.org/grpc/cmd/protoc-gen-go-grpc $ASYNCSES_PROTOC_GEN_GO_GRPC_VERSION" \
    "protoc-gen-connect-go connectrpc.com/connect/cmd/protoc-gen-connect-go $ASYNCSES_PROTOC_GEN_CONNECT_GO_VERSION"; do
    read -r name pkg version <<<"$spec"
    _fresh "$name" "$version" "$bin/$name" && continue
    echo "install-codegen: go install $pkg@$version" >&2
    GOBIN="$bin" GOFLAGS=-mod=mod go install "$pkg@$version" || return 1
    _stamp "$name" "$version"
  done

  # Native executables from Maven Central, fetched with Maven into ~/.m2 and copied out.
  local artifact file
  for spec in \
    "asyncses-protoc com.google.protobuf:protoc:$ASYNCSES_PROTOC_JAVA_VERSION:exe:linux-x86_64" \
    "protoc-gen-grpc-java io.grpc:protoc-gen-grpc-java:$ASYNCSES_GRPC_JAVA_VERSION:exe:linux-x86_64"; do
    read -r name artifact <<<"$spec"
    _fresh "$name" "$artifact" "$bin/$name" && continue
    case "$(uname -s)-$(uname -m)" in
      Linux-x86_64) ;;
      *) echo "install-codegen: $artifact is for Linux x86_64 only" >&2; return 1 ;;
    esac
    echo "install-codegen: fetching $artifact from Maven Central" >&2
    local tmp
    tmp="$(mktemp -d)" || return 1
    local log
    if ! log="$(mvn -B -q -Dstyle.color=never "$ASYNCSES_MAVEN_DEPENDENCY_PLUGIN:copy" \
      -Dartifact="$artifact" -DoutputDirectory="$tmp" 2>&1)"; then
      printf '%s\n' "$log" >&2
      rm -rf "$tmp"
      return 1
    fi
    file="$(find "$tmp" -name '*.exe' | head -n 1)"
    [ -n "$file" ] || { echo "install-codegen: $artifact: nothing downloaded" >&2; rm -rf "$tmp"; return 1; }
    install -m 0755 "$file" "$bin/$name" && rm -rf "$tmp" || return 1
    _stamp "$name" "$artifact"
  done

  # Python: grpcio-tools in its own venv, and a wrapper that runs that venv's Python.
  if ! _fresh asyncses-codegen-python "$ASYNCSES_GRPCIO_TOOLS_VERSION" "$bin/asyncses-codegen-python" \
    || [ ! -x "$dir/venv/bin/python" ]; then
    echo "install-codegen: pip install grpcio-tools==$ASYNCSES_GRPCIO_TOOLS_VERSION" >&2
    [ -x "$dir/venv/bin/python" ] || python3 -m venv "$dir/venv" || return 1
    "$dir/venv/bin/python" -m pip install -q --disable-pip-version-check \
      "grpcio-tools==$ASYNCSES_GRPCIO_TOOLS_VERSION" "grpcio==$ASYNCSES_GRPCIO_TOOLS_VERSION" >&2 || return 1
    printf '#!/bin/sh\nexec "%s" "$@"\n' "$dir/venv/bin/python" >"$bin/asyncses-codegen-python" \
      && chmod 0755 "$bin/asyncses-codegen-python" || return 1
    _stamp asyncses-codegen-python "$ASYNCSES_GRPCIO_TOOLS_VERSION"
  fi

  unset -f _fresh _stamp
  case ":$PATH:" in
    *":$bin:"*) ;;
    *) export PATH="$bin:$PATH" ;;
  esac
  export ASYNCSES_CODEGEN_BIN="$bin"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  _asyncses_install_codegen
else
  _asyncses_install_codegen
fi
