#!/usr/bin/env bash
# The test suite: type-check, then every test file under test/ with Node's test runner.
# Tests that need moto or PostgreSQL skip with a visible message where those are missing
# (.ci/run installs both).
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsc -p tsconfig.json
exec node --test --test-concurrency=2 --test-timeout=600000 "test/**/*.test.ts"
