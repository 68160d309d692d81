#!/usr/bin/env bash
# Runs one benchmark from bench/ against a real Postgres, compiled like production code:
#
#   bash scripts/bench.sh ingest --rows 200000     # or: npm run bench:ingest -- --rows 200000
#
# Installs dependencies when needed, starts the services (scripts/services.sh), builds, and runs
# dist/bench/<name>.js. Benchmarks work on scratch databases they create and drop themselves.
set -euo pipefail
cd "$(dirname "$0")/.."

name="${1:?usage: scripts/bench.sh <benchmark> [arguments]}"
shift

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund >&2
fi

# shellcheck source=services.sh
source scripts/services.sh
ensure_services

npm run --silent build >&2

# Throwaway secrets: benchmarks never serve requests, but the config loader wants them set.
export JWT_SECRET="${JWT_SECRET:-bench-only-secret-that-is-long-enough-for-hs256}"
export PII_KEYS="${PII_KEYS:-bench:$(node -e "process.stdout.write(require('crypto').randomBytes(32).toString('base64'))")}"

exec node "dist/bench/${name}.js" "$@"
