#!/usr/bin/env bash
# Generates every language from proto/ (`npm run generate` runs this):
#   buf.gen.yaml          TypeScript for the server (gen/ts), with protoc-gen-es from npm
#   buf.gen.clients.yaml  Go (gen/go), Python (gen/python) and Java (gen/java) clients, with
#                         generators installed by scripts/install-codegen.sh (outside the repo)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=install-codegen.sh
source scripts/install-codegen.sh
npx --no-install buf generate
npx --no-install buf generate --template buf.gen.clients.yaml
