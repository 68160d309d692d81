#!/usr/bin/env bash
# Loads a large generated registry for benchmarks, compiled like production code:
#
#   npm run seed:scale -- --apprentices 1000000 [--months-of-hours 12] [--seed 42] [--database-url URL]
#
# Starts the services when needed (scripts/services.sh), builds, and runs the CLI's seed-scale
# command (node dist/apps/cli/src/main.js seed-scale --help lists the options). Without
# --database-url it loads into DATABASE_URL.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=services.sh
source scripts/services.sh
ensure_services

npm run --silent build >&2

exec node dist/apps/cli/src/main.js seed-scale "$@"
