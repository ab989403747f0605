#!/usr/bin/env bash
# Fails when the generated code in gen/ is not what the contract and the pinned generators
# produce: regenerates everything, then looks for any change under gen/ (new files included).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/generate.sh
changes="$(git status --porcelain --untracked-files=all -- gen)"
if [ -n "$changes" ]; then
  echo "check-generated: gen/ is out of date; run 'npm run generate' and commit:" >&2
  echo "$changes" >&2
  git --no-pager diff --stat -- gen >&2
  exit 1
fi
echo "check-generated: gen/ is up to date"
