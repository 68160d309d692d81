#!/usr/bin/env bash
# Runs every test: type check, unit, integration (real Postgres + Redis) and end-to-end tiers.
# Works on a fresh clone: installs dependencies and starts the services it needs.
# Extra arguments go to jest, e.g. `npm test -- --selectProjects unit`.
set -euo pipefail
cd "$(dirname "$0")/.."

# Install when node_modules is missing or older than the lockfile.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund
fi

# A cluster this script starts is throwaway, so it may skip fsync.
export JOURNEYLINE_PG_FAST=1
# shellcheck source=services.sh
source scripts/services.sh
ensure_services

echo "== type check"
npx tsc -p tsconfig.json --noEmit

echo "== jest (unit, integration, e2e)"
results=$(mktemp)
status=0
NODE_OPTIONS="--experimental-vm-modules --no-warnings=ExperimentalWarning" \
  npx jest --json --outputFile="$results" "$@" || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests + r.numRuntimeErrorTestSuites} failed`);
' "$results" || true
rm -f "$results"
exit "$status"
