#!/usr/bin/env bash
# One command to run Journeyline with demo data on this machine:
# installs dependencies, starts Postgres and Redis (see services.sh), builds, migrates, seeds the
# demo, then runs the api and the worker until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== installing dependencies"
  npm install --no-audit --no-fund
fi

# shellcheck source=services.sh
source scripts/services.sh
ensure_services

# Demo secrets are generated once per machine and kept beside the local database. Production
# deployments set JWT_SECRET and PII_KEYS themselves (see README, Configuration).
secrets="$JL_STATE_DIR/demo-secrets.env"
if [ ! -f "$secrets" ]; then
  umask 077
  {
    echo "JWT_SECRET=$(node -e 'console.log(require("crypto").randomBytes(48).toString("base64url"))')"
    echo "PII_KEYS=demo1:$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))')"
  } >"$secrets"
fi
set -a
# shellcheck disable=SC1090
source "$secrets"
set +a
export API_PORT="${API_PORT:-4000}"

echo "== building"
npm run --silent build
echo "== migrating"
node dist/apps/cli/src/main.js migrate
echo "== seeding demo data"
node dist/apps/cli/src/main.js seed-demo

pids=()
stop() {
  trap - INT TERM EXIT
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap stop INT TERM EXIT

node dist/apps/worker/src/main.js &
pids+=($!)
node dist/apps/api/src/main.js &
pids+=($!)

for _ in $(seq 1 100); do
  if node -e "fetch('http://127.0.0.1:$API_PORT/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then
    break
  fi
  sleep 0.3
done

cat <<MSG

Journeyline is running.
  GraphQL:  http://localhost:$API_PORT/graphql
  Health:   http://localhost:$API_PORT/health
Demo logins (password for all: journeyline-demo):
$(node dist/apps/cli/src/main.js demo-logins)
Press Ctrl-C to stop the api and the worker (Postgres and Redis keep running: bash scripts/services.sh stop).
MSG
wait -n "${pids[@]}"
