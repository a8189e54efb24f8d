#!/bin/sh
# Entry of the pre-commit hook (.pre-commit-hooks.yaml): runs this checkout's command-line
# linter on the files pre-commit passes. pre-commit keeps its own clone of the repository, where
# dist/ (not in version control) is built once on first use and reused afterwards.
set -eu
root=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
if [ ! -f "$root/dist/cli.js" ]; then
  echo "twelve-factor-lens: building the linter once in $root (npm ci, esbuild)" >&2
  (cd "$root" && npm ci --no-audit --no-fund --ignore-scripts >&2 && node scripts/build.mjs >&2)
fi
exec node "$root/dist/cli.js" "$@"
